using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using AutoScale.Fleet.Hosting;
using AutoScale.Fleet.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoScale.Fleet.Local;

/// <summary>
/// Worker silos as processes on this machine: real <c>AutoScale.Silo</c> processes that join through the PostgreSQL
/// membership like any pod. Each writes its output to its own log file and outlives a crashed gateway; the next
/// gateway finds it again by its environment (<see cref="LocalWorkerProcesses"/>).
/// </summary>
public sealed partial class LocalProcessFleetProvider(
    IOptions<LocalFleetOptions> options, FleetIdentity identity, ILogger<LocalProcessFleetProvider> logger) : IFleetProvider
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private const string WorkerAssembly = "AutoScale.Silo.dll";

    // Children we started: holding their Process objects lets the runtime reap them when they exit.
    private readonly ConcurrentDictionary<int, Process> _children = new();
    private readonly SemaphoreSlim _starting = new(1, 1);
    private volatile bool _stopping;

    public string Name => "local";

    private LocalFleetOptions Settings => options.Value;

    /// <summary>The worker build used when a pool names none.</summary>
    public string DefaultImage => Settings.WorkerDirectory ?? LocalWorkerBuild.FindBesideThisProgram()
        ?? throw new FleetProviderException(
            $"No built worker ({WorkerAssembly}) was found beside this program; build src/Silo or set Fleet:Local:WorkerDirectory.");

    /// <summary>A local image is a folder holding a worker build.</summary>
    public string? ProblemWithImage(string image) =>
        Path.IsPathFullyQualified(image) && File.Exists(Path.Combine(image, WorkerAssembly))
            ? null
            : $"'{image}' is not a folder holding a worker build ({WorkerAssembly}): the local provider's images are absolute paths of worker builds.";

    public async Task<ProvisionedWorker> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_stopping)
            {
                throw new FleetProviderException("The gateway is stopping; no new local workers are started.");
            }

            var owned = LocalWorkerProcesses.FindOwned(identity.NamePrefix).Where(p => !p.Exited).ToList();
            if (owned.FirstOrDefault(p => p.FleetId == request.WorkerId) is { } existing)
            {
                return ToWorker(existing);
            }

            if (owned.Count >= Settings.MaxProcesses)
            {
                throw new FleetCapacityException($"This machine already runs {owned.Count} workers, its maximum (Fleet:Local:MaxProcesses).");
            }

            var image = string.IsNullOrEmpty(request.Image) ? DefaultImage : Path.GetFullPath(request.Image);
            if (!File.Exists(Path.Combine(image, WorkerAssembly)))
            {
                throw new FleetProviderException($"No built worker in '{image}' ({WorkerAssembly} is missing).");
            }

            var process = Start(request, image);
            LogStarted(request.WorkerId, request.Pool, process.Id, image);
            return new ProvisionedWorker(
                request.WorkerId, process.Id.ToString(CultureInfo.InvariantCulture), request.Pool, image,
                ProviderWorkerStatus.Running, 0m, DateTimeOffset.UtcNow);
        }
        finally
        {
            _starting.Release();
        }
    }

    public Task<IReadOnlyList<ProvisionedWorker>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ProvisionedWorker> workers = [.. LocalWorkerProcesses.FindOwned(identity.NamePrefix).Select(ToWorker)];
        foreach (var (pid, child) in _children)
        {
            if (child.HasExited && _children.TryRemove(pid, out _))
            {
                child.Dispose();
            }
        }

        return Task.FromResult(workers);
    }

    public Task TerminateAsync(string providerId, CancellationToken cancellationToken)
    {
        if (!int.TryParse(providerId, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || LocalWorkerProcesses.Read(pid, identity.NamePrefix) is not { Exited: false } worker)
        {
            return Task.CompletedTask; // gone already, or that id is no longer one of ours
        }

        LogTerminating(worker.FleetId, pid);
        _ = SendSignal(pid, SigTerm);
        _ = KillAfterGraceAsync(worker);
        return Task.CompletedTask;
    }

    /// <summary>Stops every worker of this fleet on this machine: asks first, kills what is left after the grace period.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await _starting.WaitAsync(cancellationToken); // a start under way finishes first, so its worker is stopped too
        _starting.Release();
        var running = LocalWorkerProcesses.FindOwned(identity.NamePrefix).Where(p => !p.Exited).ToList();
        foreach (var worker in running)
        {
            LogTerminating(worker.FleetId, worker.Pid);
            _ = SendSignal(worker.Pid, SigTerm);
        }

        await Task.WhenAll(running.Select(KillAfterGraceAsync)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private Process Start(ProvisionRequest request, string image)
    {
        var logDirectory = Settings.LogDirectory ?? Path.Combine(Path.GetTempPath(), "autoscale-workers");
        Directory.CreateDirectory(logDirectory);
        var log = Path.Combine(logDirectory, $"{request.WorkerId}.log");
        // Through a shell that execs: the worker writes its log itself, so it keeps running if this gateway dies.
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec \"$0\" \"$1\" >>\"$2\" 2>&1", DotnetHost(), Path.Combine(image, WorkerAssembly), log },
            WorkingDirectory = image,
            UseShellExecute = false,
        };
        foreach (var inherited in start.Environment.Keys.Where(IsGatewayOnly).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in request.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment[LocalWorkerProcesses.FleetIdVariable] = request.WorkerId;
        start.Environment[LocalWorkerProcesses.PoolVariable] = request.Pool;
        start.Environment[LocalWorkerProcesses.ImageVariable] = image;
        start.Environment[LocalWorkerProcesses.MarkerVariable] = LocalWorkerProcesses.Marker;
        start.Environment["Orleans__AdvertisedAddress"] = IPAddress.Loopback.ToString();
        start.Environment["Orleans__SiloPort"] = FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = "0";
        var process = Process.Start(start) ?? throw new FleetProviderException("The worker process did not start.");
        _children[process.Id] = process;
        return process;
    }

    private async Task KillAfterGraceAsync(LocalWorkerProcess worker)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(Settings.StopGraceSeconds);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (LocalWorkerProcesses.Read(worker.Pid, identity.NamePrefix) is not { Exited: false } still || still.FleetId != worker.FleetId)
            {
                return;
            }

            await Task.Delay(200);
        }

        if (LocalWorkerProcesses.Read(worker.Pid, identity.NamePrefix) is { Exited: false } stuck && stuck.FleetId == worker.FleetId)
        {
            LogKilled(worker.FleetId, worker.Pid, Settings.StopGraceSeconds);
            _ = SendSignal(worker.Pid, SigKill);
        }
    }

    private static ProvisionedWorker ToWorker(LocalWorkerProcess process) => new(
        process.FleetId,
        process.Pid.ToString(CultureInfo.InvariantCulture),
        process.Pool,
        process.Image,
        process.Exited ? ProviderWorkerStatus.Exited : ProviderWorkerStatus.Running,
        0m,
        process.StartedAt);

    private static bool IsGatewayOnly(string name) =>
        name.StartsWith("Auth__", StringComparison.Ordinal) || name.StartsWith("Fleet__", StringComparison.Ordinal)
        || name.StartsWith("RunPod__", StringComparison.Ordinal) || name.StartsWith("Embedded__", StringComparison.Ordinal)
        || name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("Kestrel__", StringComparison.Ordinal)
        || name.StartsWith("Orleans__", StringComparison.Ordinal) || name.StartsWith("Worker__", StringComparison.Ordinal)
        || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal);

    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static readonly HashSet<int> RecentPorts = [];

    private static int FreeTcpPort()
    {
        // Two workers started back to back must not be handed the same port before either binds it.
        lock (RecentPorts)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (RecentPorts.Add(port))
                {
                    if (RecentPorts.Count > 256)
                    {
                        RecentPorts.Clear();
                        RecentPorts.Add(port);
                    }

                    return port;
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started worker {WorkerId} for pool {Pool}: process {Pid} from {Image}")]
    private partial void LogStarted(string workerId, string pool, int pid, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminating worker {WorkerId} (process {Pid})")]
    private partial void LogTerminating(string workerId, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {WorkerId} (process {Pid}) did not stop within {Seconds} s: killed")]
    private partial void LogKilled(string workerId, int pid, int seconds);
}
