using AutoScale.Testing;

namespace AutoScale.Engines.Kokoro.Tests.Parity;

/// <summary>
/// A fact that needs the upstream parity fixture: the folder in <c>KOKORO_PARITY_FIXTURE</c> when set, else
/// <c>../shared/data/kokoro-parity</c> beside the checkout. Skipped, saying which folder was looked for, without it.
/// </summary>
public sealed class ParityFixtureFactAttribute : FactAttribute
{
    public const string Variable = "KOKORO_PARITY_FIXTURE";

    public ParityFixtureFactAttribute()
    {
        if (Folder is null || !File.Exists(Path.Combine(Folder, "index.json")))
        {
            Skip = $"The Kokoro parity fixture is not there: set {Variable}, or put ../shared/data/kokoro-parity beside the checkout"
                + (Folder is null ? "." : $" (looked in {Folder}).");
        }
    }

    public static string? Folder =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set
        : SharedData.Folder is { } shared ? Path.Combine(shared, "kokoro-parity")
        : null;
}
