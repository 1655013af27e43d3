using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Speech;

/// <summary>Runs a script of <c>tests/js</c> with Node and keeps what it printed.</summary>
public static class NodeScript
{
    public static string Directory { get; } = Path.Combine(RepositoryLayout.Root, "tests", "js");

    public static string? FindNode() => InstalledProgram.Find("node");

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        var node = FindNode() ?? throw new InvalidOperationException("node is not on PATH.");
        var result = await ExternalCommand.RunAsync(node, [Path.Combine(Directory, script), .. arguments], timeout, Directory);
        return (result.ExitCode, result.Output, result.Errors);
    }
}
