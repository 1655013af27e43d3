using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Grains.Catalogue;
using AutoScale.Interfaces.Catalogue;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Gateway.Tests.Speech;

/// <summary>A gateway and one eSpeak worker on a fresh database, with one tenant, shared by the speech tests.</summary>
public sealed class SpeechFixture : IAsyncLifetime
{
    private ServiceProcess _worker = null!;
    private string _database = "";

    public GatewayInstance Gateway { get; private set; } = null!;

    public string TenantKey { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var database = _database = await TestPostgres.CreateEmptyDatabaseAsync("speechapi");
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        Gateway = await GatewayInstance.StartAsync(database, new Dictionary<string, string>
        {
            ["Artifacts__Path"] = artifacts,
            ["Catalogue__RefreshSeconds"] = "0.5",
            ["Jobs__MaxCharacters"] = "100000",
        });
        // One chunk at a time, so that a many-chunk input takes long enough for streaming to be observable.
        _worker = await WorkerInstance.StartAsync(database, artifacts, "speech-worker",
            new Dictionary<string, string> { ["Worker__Concurrency"] = "1" });
        TenantKey = await Gateway.CreateTenantAsync("speaker");

        // Speech for a model no ready worker serves is refused at once: wait until the scaler has seen this one.
        using var client = Gateway.Client(TenantKey);
        await Eventually.TrueAsync(
            async () => (await (await client.GetAsync("/v1/models")).JsonAsync()).GetProperty("data").EnumerateArray()
                .Any(m => m.GetProperty("id").GetString() == "espeak" && m.GetProperty("availability").GetProperty("status").GetString() == "serving"),
            TimeSpan.FromSeconds(30), "the eSpeak worker serving");
    }

    /// <summary>Writes what a worker of <paramref name="pool"/> reports when it finds these voices on disk.</summary>
    public async Task ReportVoicesAsync(string pool, params string[] voices)
    {
        await using var dataSource = NpgsqlDataSource.Create(_database);
        await new PoolVoiceStore(dataSource).ReplaceAsync(
            pool, "test", [.. voices.Select(v => new ReportedVoice { Id = v, Languages = ["en-us"] })], DateTimeOffset.UtcNow);
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
