using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Telemetry;

/// <summary>A gateway with <c>Telemetry:TenantLabels=true</c> and one worker, no OTLP.</summary>
public sealed class TenantLabelsFixture : IAsyncLifetime
{
    public GatewayInstance Gateway { get; private set; } = null!;

    public ServiceProcess Worker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("tenantlabels");
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        Gateway = await GatewayInstance.StartAsync(database, new Dictionary<string, string>
        {
            ["Artifacts__Path"] = artifacts,
            ["Telemetry__TenantLabels"] = "true",
        });
        Worker = await WorkerInstance.StartAsync(database, artifacts, "worker");
    }

    public async Task DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}
