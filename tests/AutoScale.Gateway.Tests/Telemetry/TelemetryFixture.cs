using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Telemetry;

/// <summary>A gateway and one worker, both exporting traces over OTLP/HTTP to a receiver in the test.</summary>
public sealed class TelemetryFixture : IAsyncLifetime
{
    public OtlpReceiver Receiver { get; } = new();

    public GatewayInstance Gateway { get; private set; } = null!;

    public ServiceProcess Worker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("telemetry");
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        var exportToReceiver = new Dictionary<string, string>
        {
            ["Telemetry__OtlpEndpoint"] = Receiver.Endpoint,
            ["Telemetry__OtlpProtocol"] = "http/protobuf",
            // Spans leave within half a second rather than five.
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        };
        Gateway = await GatewayInstance.StartAsync(database, new Dictionary<string, string>(exportToReceiver) { ["Artifacts__Path"] = artifacts });
        Worker = await WorkerInstance.StartAsync(database, artifacts, "worker", exportToReceiver);
    }

    public async Task DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Gateway.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
