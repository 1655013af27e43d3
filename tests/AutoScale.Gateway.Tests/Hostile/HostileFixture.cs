using System.Globalization;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// One gateway and one eSpeak worker on a fresh database, shared by the hostile-input class: two tenants, a job of
/// tenant A for the cross-tenant probes, a RunPod key in both processes' configuration, and every output line kept
/// so that the whole log can be scanned for secrets.
/// </summary>
public sealed class HostileFixture : IAsyncLifetime
{
    /// <summary>A distinctive fake RunPod key: the provider stays <c>none</c>, so nothing ever sends it anywhere.</summary>
    public const string RunPodKey = "rpa_HOSTILEFAKE7Q2W9E4R1T8Y5U3I6O0P";

    public GatewayInstance Gateway { get; private set; } = null!;

    public ServiceProcess Worker { get; private set; } = null!;

    public string TenantA { get; private set; } = "";

    public string TenantB { get; private set; } = "";

    public Guid JobOfA { get; private set; }

    /// <summary>The fuzz seed: <c>AUTOSCALE_FUZZ_SEED</c> when set, else a fixed one, so a failure can be replayed.</summary>
    public int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("AUTOSCALE_FUZZ_SEED"), NumberStyles.Integer,
        CultureInfo.InvariantCulture, out var seed) ? seed : 20261129;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("hostile");
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        var logging = new Dictionary<string, string>
        {
            ["Artifacts__Path"] = artifacts,
            ["RunPod__ApiKey"] = RunPodKey,
            // Louder than production, so that a key passed to any log call of ours or of ASP.NET Core's is printed.
            ["Logging__LogLevel__AutoScale"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
            ["Logging__LogLevel__System.Net.Http"] = "Trace",
            // The fuzz cases come faster than a client would send them.
            ["RateLimiting__PermitsPerSecond"] = "100000",
            ["RateLimiting__Burst"] = "100000",
        };
        Gateway = await GatewayInstance.StartAsync(database, logging, keepTranscript: true);
        Worker = await WorkerInstance.StartAsync(database, artifacts, "hostile-worker", logging, keepTranscript: true);
        TenantA = await Gateway.CreateTenantAsync("tenant a");
        TenantB = await Gateway.CreateTenantAsync("tenant b");
        using var client = Gateway.Client(TenantA);
        var job = await (await client.SubmitAsync(new { text = "A private sentence of tenant A." })).JsonAsync();
        JobOfA = job.GetProperty("id").GetGuid();
    }

    public async Task DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}
