using System.Collections.Concurrent;
using System.Diagnostics;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.RunScript;

/// <summary>
/// <c>./run.sh</c> as a user runs it, in a process group of its own (as a terminal would make it), with a private data
/// folder. <see cref="InterruptAsync"/> is Ctrl-C: SIGINT to the whole group. Disposing stops it that way if it still
/// runs and kills whatever of the run is left (found by its data folder), so a failed test leaves nothing behind.
/// </summary>
internal sealed class RunScriptProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private RunScriptProcess(Process process, string dataPath)
    {
        _process = process;
        DataPath = dataPath;
    }

    public string DataPath { get; }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Output => [.. _output];

    public string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(60));

    public static RunScriptProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), $"autoscale-run-sh-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataPath);
        // setsid: a session and process group of its own, which Ctrl-C signals as a whole; setsid forks first when it
        // leads a group already, so the shell it runs notes its id (the group's) before it becomes run.sh. A test
        // runner started in the background may ignore SIGINT, and so would run.sh (a shell cannot trap a signal ignored
        // when it starts): a terminal does not.
        var start = new ProcessStartInfo("setsid")
        {
            ArgumentList =
            {
                "--wait", "bash", "-c", "echo $$ >\"$0\"; exec env --default-signal=INT \"$1\"",
                Path.Combine(dataPath, "run.sh.pid"), Path.Combine(RepositoryLayout.Root, "run.sh"),
            },
            WorkingDirectory = RepositoryLayout.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var inherited in start.Environment.Keys.Where(IsProductSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["DATA_PATH"] = dataPath;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var run = new RunScriptProcess(process, dataPath);
        process.OutputDataReceived += (_, line) => run.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => run.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>The first line printed that starts with <paramref name="prefix"/> (after leading blanks), once it is printed.</summary>
    public Task<string> LineAsync(string prefix, TimeSpan timeout) =>
        Eventually.ReturnsAsync(
            () =>
            {
                if (_process.HasExited && !_output.Any(l => l.TrimStart().StartsWith(prefix, StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException($"run.sh exited with {_process.ExitCode}:\n{RecentOutput}");
                }

                return Task.FromResult(_output.FirstOrDefault(l => l.TrimStart().StartsWith(prefix, StringComparison.Ordinal)) ?? "");
            },
            line => line.Length > 0,
            timeout,
            $"run.sh to print '{prefix}'");

    /// <summary>Ctrl-C: SIGINT to run.sh's process group; true when run.sh exits within the timeout.</summary>
    public async Task<bool> InterruptAsync(TimeSpan timeout)
    {
        var group = File.ReadAllText(Path.Combine(DataPath, "run.sh.pid")).Trim();
        using (var kill = Process.Start("kill", ["-INT", "--", $"-{group}"]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The processes of this run still alive: every process whose command line or environment names its data folder.</summary>
    public IReadOnlyList<string> LeftRunning() =>
        [.. RunProcesses.Find(DataPath).Where(p => !IsBuildTool(p.CommandLine)).Select(p => $"{p.Pid}: {p.CommandLine}")];

    // run.sh builds first; a build server the SDK keeps for the next build is not part of the run.
    private static bool IsBuildTool(string commandLine) =>
        commandLine.Contains("MSBuild", StringComparison.Ordinal) || commandLine.Contains("VBCSCompiler", StringComparison.Ordinal)
        || commandLine.Contains("Razor", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await InterruptAsync(TimeSpan.FromSeconds(90));
        }

        foreach (var (pid, _) in RunProcesses.Find(DataPath))
        {
            RunProcesses.Kill(pid);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // a process killed just now may still hold a file; the temp folder is private to the test run
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>Settings of the product a test runner may carry (test.sh's too), which run.sh must not inherit.</summary>
    private static bool IsProductSetting(string name) =>
        name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || name.StartsWith("Fleet__", StringComparison.Ordinal)
        || name.StartsWith("Orleans__", StringComparison.Ordinal) || name.StartsWith("Embedded__", StringComparison.Ordinal)
        || name.StartsWith("Auth__", StringComparison.Ordinal)
        || name is "GATEWAYS" or "PORT" or "SILO_PORT" or "MODELS" or "AUTOSCALE_PREREQUISITES";
}
