using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AutoScale.Data;
using AutoScale.Testing;
using AutoScale.Testing.Network;

namespace AutoScale.Gateway.Tests.Infrastructure;

/// <summary>A real gateway process (control silo included) on its own ports, against a given database.</summary>
public sealed class GatewayInstance : IAsyncDisposable
{
    private GatewayInstance(ServiceProcess process, string address, int httpPort, string adminKey, string connectionString, int siloPort)
    {
        Process = process;
        HttpPort = httpPort;
        BaseAddress = new Uri($"http://{address}:{httpPort}");
        AdminKey = adminKey;
        ConnectionString = connectionString;
        SiloPort = siloPort;
    }

    public ServiceProcess Process { get; }

    public Uri BaseAddress { get; }

    /// <summary>The port of its HTTP API (a load balancer's backend).</summary>
    public int HttpPort { get; }

    public string AdminKey { get; }

    public string ConnectionString { get; }

    public int SiloPort { get; }

    public static async Task<GatewayInstance> StartAsync(
        string connectionString, IReadOnlyDictionary<string, string>? settings = null, string? adminKey = null, int? siloPort = null,
        bool keepTranscript = false, int? httpPort = null, NetworkHost? host = null)
    {
        var gateway = Launch(connectionString, settings, adminKey, siloPort, keepTranscript, httpPort, host);
        await gateway.WaitUntilReadyAsync();
        return gateway;
    }

    /// <summary>
    /// Starts the gateway process without waiting for it to be ready (several at the same moment). In
    /// <paramref name="host"/> (a network lab's) it serves HTTP and advertises its silo at the host's address, else on 127.0.0.1.
    /// </summary>
    public static GatewayInstance Launch(
        string connectionString, IReadOnlyDictionary<string, string>? settings = null, string? adminKey = null, int? siloPort = null,
        bool keepTranscript = false, int? httpPort = null, NetworkHost? host = null)
    {
        var address = host?.Address.ToString() ?? "127.0.0.1";
        adminKey ??= $"admin-{Guid.NewGuid():N}";
        httpPort ??= LocalPostgresCluster.FreeTcpPort();
        siloPort ??= LocalPostgresCluster.FreeTcpPort();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Auth__AdminKey"] = adminKey,
            ["ASPNETCORE_URLS"] = $"http://{address}:{httpPort}",
            ["Orleans__SiloPort"] = siloPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jobs__MaxCharacters"] = "5000",
            ["Artifacts__Path"] = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N")),
            // Tests start their workers themselves unless they test the fleet (which sets a provider).
            ["Fleet__Provider"] = "none",
        };
        if (host is not null)
        {
            environment["Orleans__AdvertisedAddress"] = address;
        }

        // Failure detection is the product's own (src/Hosting/MembershipTimings): the tests measure what users get.
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = host?.Start("Gateway", environment, keepTranscript: keepTranscript)
            ?? ServiceProcess.Start("Gateway", environment, keepTranscript: keepTranscript);
        return new GatewayInstance(process, address, httpPort.Value, adminKey, connectionString, siloPort.Value);
    }

    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (Process.HasExited)
                {
                    throw new InvalidOperationException($"The gateway exited with code {Process.ExitCode}.");
                }

                return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(90), "the gateway's /health/ready to answer 200");
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"Gateway did not become ready. Its output:\n{Process.RecentOutput}", exception);
        }
    }

    /// <summary>A client that sends <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates a tenant through the admin API and returns its key.</summary>
    public async Task<string> CreateTenantAsync(string name)
    {
        using var admin = Client(AdminKey);
        var response = await admin.PostAsJsonAsync("/admin/tenants", new { name });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("apiKey").GetString()!;
    }

    public async ValueTask DisposeAsync() => await Process.DisposeAsync();
}
