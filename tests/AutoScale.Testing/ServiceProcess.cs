using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AutoScale.Testing;

/// <summary>
/// A real program of the product (gateway or worker silo) run as its own process, with its output kept for the
/// failure message. <see cref="Kill"/> is SIGKILL (a crash: nothing runs after it); <see cref="StopAsync"/> is
/// SIGTERM (a graceful stop).
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string>? _transcript;

    private ServiceProcess(string name, Process process, bool keepTranscript)
    {
        Name = name;
        _process = process;
        _transcript = keepTranscript ? new ConcurrentQueue<string>() : null;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process printed.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output.TakeLast(80));

    /// <summary>Every line the process printed, when started with <c>keepTranscript</c> (for scans of the whole log).</summary>
    public IReadOnlyList<string> Transcript =>
        _transcript?.ToArray() ?? throw new InvalidOperationException($"{Name} was started without keepTranscript.");

    /// <summary>
    /// Starts a program of the product. <paramref name="launcher"/>, when given, runs it through another program (e.g.
    /// <c>ip netns exec NAME</c>, which execs it: the process id is the product's own).
    /// </summary>
    public static ServiceProcess Start(
        string project, IReadOnlyDictionary<string, string> environment, string? name = null, bool keepTranscript = false,
        IReadOnlyList<string>? launcher = null)
    {
        var program = RepositoryLayout.Program(project);
        var command = (launcher ?? []).Concat(["dotnet", program]).ToList();
        var productEnvironment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in environment)
        {
            productEnvironment[key] = value;
        }

        return StartProgram(command[0], command.Skip(1), name ?? project, productEnvironment, keepTranscript, Path.GetDirectoryName(program));
    }

    /// <summary>Starts any program as a service (a load balancer, a server), its output kept the same way.</summary>
    public static ServiceProcess StartProgram(
        string fileName, IEnumerable<string> arguments, string name, IReadOnlyDictionary<string, string> environment,
        bool keepTranscript = false, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
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

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(name, process, keepTranscript);
        process.OutputDataReceived += (_, line) => service.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => service.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>SIGKILL: the process dies at once, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGKILL of this process alone: processes it started (local fleet workers) live on, as after a real crash.</summary>
    public void KillAlone()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit();
        }
    }

    /// <summary>
    /// Waits for the process to exit by itself and for the last of its output to be read (its exit can be seen before
    /// its final lines are); false if it did not exit within the timeout.
    /// </summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
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

    /// <summary>SIGTERM, then waits for the process to exit by itself; false if it did not within the timeout.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        _ = SendSignal(_process.Id, SigTerm);
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

    public async ValueTask DisposeAsync()
    {
        if (!await StopAsync(TimeSpan.FromSeconds(20)))
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        _transcript?.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
