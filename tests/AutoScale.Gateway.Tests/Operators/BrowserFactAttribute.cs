using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Operators;

/// <summary>A fact that drives a real Chromium through tests/js: skipped, saying what is missing, without Chromium, Node or the packages.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium))
        {
            Skip = $"{Chromium} is not installed (Debian package 'chromium').";
        }
        else if (Node is null)
        {
            Skip = "node is not on the PATH.";
        }
        else if (!Directory.Exists(Path.Combine(ScriptsDirectory, "node_modules", "playwright-core")))
        {
            Skip = $"tests/js/node_modules/playwright-core is missing; run 'npm ci' in {ScriptsDirectory}.";
        }
    }

    public static string ScriptsDirectory => Path.Combine(RepositoryLayout.Root, "tests", "js");

    /// <summary>The node executable on the PATH, or null.</summary>
    public static string? Node => InstalledProgram.Find("node");
}
