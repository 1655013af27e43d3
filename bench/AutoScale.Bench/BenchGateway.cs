using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AutoScale.Cluster.Database;
using AutoScale.Testing;

namespace AutoScale.Bench;

/// <summary>A Release gateway process with no rate limit, and one tenant to load it with.</summary>
public sealed class BenchGateway : IAsyncDisposable
{
    private readonly ServiceProcess _process;

    private BenchGateway(ServiceProcess process, Uri baseAddress, string tenantKey)
    {
        _process = process;
        BaseAddress = baseAddress;
        TenantKey = tenantKey;
    }

    public Uri BaseAddress { get; }

    public string TenantKey { get; }

    public static async Task<BenchGateway> StartAsync(string database)
    {
        var adminKey = $"bench-admin-{Guid.NewGuid():N}";
        var port = LocalPostgresCluster.FreeTcpPort();
        var process = ServiceProcess.Start("Gateway", new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database,
            ["Auth__AdminKey"] = adminKey,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Orleans__SiloPort"] = LocalPostgresCluster.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["RateLimiting__PermitsPerSecond"] = "1000000",
            ["RateLimiting__Burst"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = baseAddress };
        await Eventually.TrueAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(90), "the gateway to be ready");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var created = await http.PostAsJsonAsync("/admin/tenants", new { name = "bench" });
        created.EnsureSuccessStatusCode();
        var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("apiKey").GetString()!;
        return new BenchGateway(process, baseAddress, key);
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();
}
