using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.MultiGateway;

[CollectionDefinition(Name)]
public sealed class TwoGatewaysCollection : ICollectionFixture<TwoGateways>
{
    public const string Name = "Two gateways";
}

/// <summary>
/// Two real gateways started at the same moment on one empty database (one schema, one shared key ring, jobs'
/// directory in PostgreSQL, one artifacts folder, one admin key) and one eSpeak worker, for the whole collection.
/// </summary>
public sealed class TwoGateways : IAsyncLifetime
{
    /// <summary>Every tenant's rate in this collection (each test makes its own tenants).</summary>
    public const int PermitsPerSecond = 20;

    public const int Burst = 20;

    private readonly string _adminKey = $"admin-{Guid.NewGuid():N}";
    private ServiceProcess? _worker;

    public string Database { get; private set; } = "";

    public string Artifacts { get; } = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", $"two-gateways-{Guid.NewGuid():N}");

    /// <summary>The two gateways; <see cref="StartAgainAsync"/> replaces one.</summary>
    public GatewayInstance[] Gateways { get; } = new GatewayInstance[2];

    public GatewayInstance A => Gateways[0];

    public GatewayInstance B => Gateways[1];

    private Dictionary<string, string> Settings => new()
    {
        ["Cluster__JobDirectory"] = "postgres",
        ["Artifacts__Path"] = Artifacts,
        ["Operators__SampleSeconds"] = "1",
        ["Webhooks__PollSeconds"] = "0.2",
        // The webhook receiver is on loopback, which webhooks may only reach when an operator allows it.
        ["Webhooks__AllowedHosts__0"] = "127.0.0.1",
        ["RateLimiting__PermitsPerSecond"] = PermitsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting__Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task InitializeAsync()
    {
        Database = await TestPostgres.CreateEmptyDatabaseAsync("twogateways");
        var started = await Task.WhenAll(Start(), Start());
        started.CopyTo(Gateways, 0);
        _worker = await WorkerInstance.StartAsync(Database, Artifacts, "two-gateways-worker");
    }

    private Task<GatewayInstance> Start() => GatewayInstance.StartAsync(Database, Settings, _adminKey);

    /// <summary>Kills gateway <paramref name="index"/> with SIGKILL, as a crash would.</summary>
    public async Task KillAsync(int index)
    {
        Gateways[index].Process.Kill();
        await Gateways[index].DisposeAsync();
    }

    /// <summary>Starts gateway <paramref name="index"/> again (after <see cref="KillAsync"/>) with the same settings.</summary>
    public async Task<GatewayInstance> StartAgainAsync(int index) => Gateways[index] = await Start();

    public async Task DisposeAsync()
    {
        await Task.WhenAll(Gateways.Where(g => g is not null).Select(g => g.DisposeAsync().AsTask())
            .Append(_worker?.DisposeAsync().AsTask() ?? Task.CompletedTask));
        try
        {
            Directory.Delete(Artifacts, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
