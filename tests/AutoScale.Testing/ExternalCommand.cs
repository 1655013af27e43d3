using System.Diagnostics;

namespace AutoScale.Testing;

/// <summary>Runs a program the tests check against (a linter, opusdec, node, dotnet publish) and collects what it printed.</summary>
public static class ExternalCommand
{
    /// <summary>
    /// Runs <paramref name="executable"/> to its end. On <paramref name="timeout"/> the whole process tree is killed
    /// and a <see cref="TimeoutException"/> carries what it had printed. In <paramref name="environment"/>, a null value
    /// removes an inherited variable.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string executable, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{Path.GetFileName(executable)} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}. It printed:\n{await output}\n{await errors}");
        }

        return new CommandResult(process.ExitCode, await output, await errors);
    }
}

/// <summary>How a program ended and what it wrote to standard output and standard error.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Errors)
{
    public string AllOutput => $"{Output}\n{Errors}";
}
