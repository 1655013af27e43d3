using System.Diagnostics;

namespace AutoScale.Models.Tests.Tool;

/// <summary>The built console tool (copied beside the tests by the project reference) run as a real process.</summary>
internal static class DownloaderProcess
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "AutoScale.ModelDownloader.dll");

    /// <summary>Runs it with only these HF_* and Models__Path variables, so no real token or hub can leak in.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Program);
        arguments.ToList().ForEach(start.ArgumentList.Add);
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("HF_", StringComparison.Ordinal) || name == "Models__Path").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var (output, errors) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The downloader did not finish within 2 minutes. It printed:\n{await output}\n{await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }
}
