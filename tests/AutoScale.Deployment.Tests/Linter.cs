using AutoScale.Testing;

namespace AutoScale.Deployment.Tests;

/// <summary>A lint tool: the npm ones pinned in tests/js (installed by test.sh), or yamllint and haproxy from the system.</summary>
public sealed record Linter(string Name, string Path)
{
    public static Linter Dockerfilelint { get; } = Npm("dockerfilelint");

    public static Linter ActionValidator { get; } = Npm("action-validator");

    public static Linter Yamllint { get; } = new("yamllint", OnPath("yamllint") ?? "yamllint");

    /// <summary>HAProxy's own check of a configuration (<c>haproxy -c</c>); the package is in /usr/sbin.</summary>
    public static Linter Haproxy { get; } = new("haproxy", OnPath("haproxy") ?? "/usr/sbin/haproxy");

    public bool IsInstalled => File.Exists(Path);

    public string MissingReason => $"{Name} is not installed ({Path}); ./test.sh installs it.";

    /// <summary>Runs the tool from the repository root; its exit code and everything it printed.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var result = await ExternalCommand.RunAsync(Path, arguments, TimeSpan.FromMinutes(1), RepositoryLayout.Root);
        return (result.ExitCode, result.Output + result.Errors);
    }

    private static Linter Npm(string name) =>
        new(name, System.IO.Path.Combine(RepositoryLayout.Root, "tests", "js", "node_modules", ".bin", name));

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that is skipped, saying why, when its lint tool is not installed.</summary>
public sealed class LintFactAttribute : FactAttribute
{
    public LintFactAttribute(string tool)
    {
        var linter = LintTests.Tool(tool);
        if (!linter.IsInstalled)
        {
            Skip = linter.MissingReason;
        }
    }
}

/// <summary>A theory that is skipped, saying why, when its lint tool is not installed.</summary>
public sealed class LintTheoryAttribute : TheoryAttribute
{
    public LintTheoryAttribute(string tool)
    {
        var linter = LintTests.Tool(tool);
        if (!linter.IsInstalled)
        {
            Skip = linter.MissingReason;
        }
    }
}
