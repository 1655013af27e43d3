using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Fleet;

/// <summary>A gateway whose scaler runs the local fleet: worker processes it starts and stops itself.</summary>
internal sealed class LocalFleet : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly List<GatewayInstance> _earlierGateways = [];

    private LocalFleet(GatewayInstance gateway, string database, string namePrefix, IReadOnlyDictionary<string, string> environment)
    {
        Gateway = gateway;
        Database = database;
        NamePrefix = namePrefix;
        Admin = gateway.Client(gateway.AdminKey);
        _environment = environment;
    }

    public GatewayInstance Gateway { get; private set; }

    public string Database { get; }

    public string NamePrefix { get; }

    public HttpClient Admin { get; private set; }

    public static async Task<LocalFleet> StartAsync(string purpose, int maxWorkers, int idleSeconds, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync(purpose);
        var prefix = $"t{Guid.NewGuid().ToString("N")[..8]}-";
        var environment = new Dictionary<string, string>
        {
            ["Fleet__Provider"] = "local",
            ["Fleet__NamePrefix"] = prefix,
            ["Fleet__TickSeconds"] = "0.5",
            ["Fleet__TargetWaitSeconds"] = "1",
            ["Fleet__ReconcileSeconds"] = "5",
            ["Fleet__BootDeadlineSeconds"] = "120",
            ["Fleet__Pools__espeak__MinWorkers"] = "0",
            ["Fleet__Pools__espeak__MaxWorkers"] = maxWorkers.ToString(CultureInfo.InvariantCulture),
            ["Fleet__Pools__espeak__IdleSeconds"] = idleSeconds.ToString(CultureInfo.InvariantCulture),
            // A pessimistic first guess, so the very first burst asks for the whole fleet; observation corrects it.
            ["Fleet__Pools__espeak__SecondsPerCharacter"] = "0.01",
            ["Fleet__Local__WorkerDirectory"] = Path.GetDirectoryName(RepositoryLayout.Program("Silo"))!,
            ["Fleet__Local__LogDirectory"] = Path.Combine(Path.GetTempPath(), "autoscale-test-workers", prefix),
            ["Fleet__Local__StopGraceSeconds"] = "20",
            ["Queue__LeaseSeconds"] = "8",
            ["Jobs__MaxCharacters"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var gateway = await GatewayInstance.StartAsync(database, environment);
        return new LocalFleet(gateway, database, prefix, environment);
    }

    /// <summary>SIGKILLs the gateway (its workers keep running) and starts a new one on the same database and settings.</summary>
    public async Task CrashAndRestartGatewayAsync()
    {
        Gateway.Process.KillAlone();
        _earlierGateways.Add(Gateway);
        Admin.Dispose();
        Gateway = await GatewayInstance.StartAsync(Database, _environment, Gateway.AdminKey);
        Admin = Gateway.Client(Gateway.AdminKey);
    }

    /// <summary>Another gateway of the same fleet (same database, settings and admin key), with a silo port of its own.</summary>
    public async Task<GatewayInstance> StartAnotherGatewayAsync()
    {
        var gateway = await GatewayInstance.StartAsync(Database, _environment, Gateway.AdminKey);
        _earlierGateways.Add(gateway);
        return gateway;
    }

    public async Task<JsonElement> FleetAsync() => await (await Admin.GetAsync("/admin/fleet")).JsonAsync();

    public async Task<IReadOnlyList<JsonElement>> LiveWorkersAsync() => LiveWorkersOf(await FleetAsync());

    /// <summary>The workers of an <c>/admin/fleet</c> overview that the local provider started and that are not gone.</summary>
    public static IReadOnlyList<JsonElement> LiveWorkersOf(JsonElement overview) =>
        [.. overview.GetProperty("workers").EnumerateArray()
            .Where(w => w.GetProperty("provider").GetString() == "local" && w.GetProperty("state").GetString() != "gone")];

    public async Task<IReadOnlyList<JsonElement>> EventsAsync() =>
        [.. (await (await Admin.GetAsync("/admin/scaling-events?limit=1000")).JsonAsync()).GetProperty("events").EnumerateArray()];

    /// <summary>Polls the fleet until <paramref name="condition"/> holds, calling <paramref name="observe"/> on every look.</summary>
    public async Task WaitForAsync(
        Func<IReadOnlyList<JsonElement>, bool> condition, TimeSpan timeout, string what, Action<IReadOnlyList<JsonElement>>? observe = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var workers = await LiveWorkersAsync();
            observe?.Invoke(workers);
            if (condition(workers))
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Timed out after {timeout.TotalSeconds} s waiting for {what}. Fleet: {await FleetAsync()}\nGateway output:\n{Gateway.Process.RecentOutput}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until the scaler has finished <paramref name="ticks"/> more ticks (each one builds a new overview, stamped
    /// with the scaler's time), calling <paramref name="observe"/> on each overview seen.
    /// </summary>
    public async Task WaitForTicksAsync(int ticks, string what, Action<JsonElement>? observe = null)
    {
        var timeout = TimeSpan.FromSeconds(60 + ticks);
        var clock = Stopwatch.StartNew();
        var last = (await FleetAsync()).GetProperty("at").GetDateTimeOffset();
        for (var seen = 0; seen < ticks;)
        {
            var overview = await FleetAsync();
            if (overview.GetProperty("at").GetDateTimeOffset() > last)
            {
                last = overview.GetProperty("at").GetDateTimeOffset();
                seen++;
                observe?.Invoke(overview);
            }
            else if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Timed out after {timeout.TotalSeconds} s waiting for {what}: {seen} of {ticks} ticks. Fleet: {overview}\nGateway output:\n{Gateway.Process.RecentOutput}");
            }
            else
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task<int> PostImageAsync(string pool, object body) =>
        (int)(await Admin.PostAsJsonAsync($"/admin/fleet/{pool}/image", body)).StatusCode;

    public async Task<int> PostBoundsAsync(string pool, object body) =>
        (int)(await Admin.PostAsJsonAsync($"/admin/fleet/{pool}/bounds", body)).StatusCode;

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Gateway.DisposeAsync();
        foreach (var earlier in _earlierGateways)
        {
            await earlier.DisposeAsync();
        }

        FleetProcesses.KillAll(NamePrefix);
    }
}
