using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AutoScale.Data;
using AutoScale.Testing;

namespace AutoScale.Bench;

/// <summary>A Release gateway process with no rate limit, and one tenant to load it with.</summary>
public sealed class BenchGateway : IAsyncDisposable
{
    private readonly ServiceProcess _process;
    private readonly List<ServiceProcess> _workers = [];

    private BenchGateway(ServiceProcess process, Uri baseAddress, string tenantKey, string database)
    {
        Database = database;
        _process = process;
        BaseAddress = baseAddress;
        TenantKey = tenantKey;
    }

    public Uri BaseAddress { get; }

    public string TenantKey { get; }

    /// <summary>The connection string of the database the gateway and its workers use.</summary>
    public string Database { get; }

    public string AdminKey { get; private init; } = "";

    /// <summary>The worker processes it started, in order.</summary>
    public IReadOnlyList<ServiceProcess> Workers => _workers;

    public static async Task<BenchGateway> StartAsync(
        string database,
        int workers = 0,
        string engine = "espeak",
        IReadOnlyDictionary<string, string>? settings = null,
        string pool = "espeak",
        IReadOnlyDictionary<string, string>? workerSettings = null)
    {
        var adminKey = $"bench-admin-{Guid.NewGuid():N}";
        var artifacts = Path.Combine(RepositoryLayout.Root, ".data", "bench-artifacts", Guid.NewGuid().ToString("N"));
        var port = LocalPostgresCluster.FreeTcpPort();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["Auth__AdminKey"] = adminKey,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Orleans__SiloPort"] = LocalPostgresCluster.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["RateLimiting__PermitsPerSecond"] = "1000000",
            ["RateLimiting__Burst"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Artifacts__Path"] = artifacts,
            // The bench starts its own workers, so that figures compare like with like.
            ["Fleet__Provider"] = "none",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var process = ServiceProcess.Start("Gateway", environment);
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = baseAddress };
        await Eventually.TrueAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(90), "the gateway to be ready");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var created = await http.PostAsJsonAsync("/admin/tenants", new { name = "bench" });
        created.EnsureSuccessStatusCode();
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString()!;
        var gateway = new BenchGateway(process, baseAddress, key, database) { AdminKey = adminKey };
        for (var i = 0; i < workers; i++)
        {
            var worker = new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = database,
                ["Orleans__SiloPort"] = LocalPostgresCluster.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
                ["Artifacts__Path"] = artifacts,
                ["Worker__Pool"] = pool,
                ["Worker__Engine"] = engine,
                ["Logging__LogLevel__Default"] = "Warning",
            };
            foreach (var (name, value) in workerSettings ?? new Dictionary<string, string>())
            {
                worker[name] = value;
            }

            gateway._workers.Add(ServiceProcess.Start("Silo", worker, $"worker-{i}"));
        }

        if (workers > 0)
        {
            // Speech for a pool without a ready worker is refused at once: measure from when they pull work.
            await Eventually.TrueAsync(async () =>
            {
                using var models = JsonDocument.Parse(await http.GetStringAsync("/v1/models"));
                return models.RootElement.GetProperty("data").EnumerateArray().Any(m =>
                    m.GetProperty("pool").GetString() == pool && m.GetProperty("availability").GetProperty("status").GetString() == "serving");
            }, TimeSpan.FromMinutes(5), $"the {pool} workers to pull work");
        }

        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await _process.DisposeAsync();
    }
}
