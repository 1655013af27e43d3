using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Speech;

/// <summary>A gateway and one eSpeak worker on a fresh database, with one tenant, shared by the speech tests.</summary>
public sealed class SpeechFixture : IAsyncLifetime
{
    private ServiceProcess _worker = null!;

    public GatewayInstance Gateway { get; private set; } = null!;

    public string TenantKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("speechapi");
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        Gateway = await GatewayInstance.StartAsync(database, new Dictionary<string, string> { ["Artifacts__Path"] = artifacts });
        // One chunk at a time, so that a many-chunk input takes long enough for streaming to be observable.
        _worker = await WorkerInstance.StartAsync(database, artifacts, "speech-worker",
            new Dictionary<string, string> { ["Worker__Concurrency"] = "1" });
        TenantKey = await Gateway.CreateTenantAsync("speaker");
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SpeechCollection : ICollectionFixture<SpeechFixture>
{
    public const string Name = "speech";
}
