using System.Text.Json;
using AutoScale.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Chaos;

[Trait("Category", "Chaos")]
[Collection(ChaosSettings.Collection)]
public sealed class QueueFloodChaosTests(ITestOutputHelper output)
{
    private const int Jobs = 10_000;

    [Fact]
    public async Task Ten_thousand_jobs_queued_with_no_worker_all_succeed_once_workers_start()
    {
        var started = TimeProvider.System.GetTimestamp();
        var database = await TestPostgres.CreateEmptyDatabaseAsync("chaosflood");
        var settings = new Dictionary<string, string>(ChaosSettings.QuickRecovery())
        {
            ["RateLimiting__PermitsPerSecond"] = "1000000",
            ["RateLimiting__Burst"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        // The silent engine answers at once (one silent sample per character): the test is about the queue, not speech.
        await using var cluster = await ChaosCluster.StartAsync(database, workers: 0, settings, engine: "silent");
        var tenants = await ChaosBatch.CreateTenantsAsync(cluster.Gateway, 3);
        var requests = Enumerable.Range(0, Jobs)
            .Select(i => new ChaosJobRequest(tenants[i % tenants.Count], $"Queued job number {i} waits its turn.", "en-us", i % 2 == 0 ? "wav" : "pcm"))
            .ToList();

        var accepted = await ChaosBatch.SubmitAllAsync(cluster.Gateway, requests, concurrency: 32);
        Assert.Equal(Jobs, accepted.Count);
        output.WriteLine($"{Jobs} jobs accepted after {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s.");
        using (var admin = cluster.Gateway.Client(cluster.Gateway.AdminKey))
        {
            await Eventually.TrueAsync(async () => await QueuedChunksAsync(admin) == Jobs, TimeSpan.FromSeconds(30), $"GET /admin/queue to show {Jobs} queued chunks");
        }

        var drain = TimeProvider.System.GetTimestamp();
        await cluster.StartWorkersAsync(2);
        var ids = accepted.Select(a => a.Id).ToList();
        await JobLedger.AssertAllSucceedAsync(database, ids, TimeSpan.FromMinutes(2), cluster.Transcript);
        output.WriteLine($"The queue drained in {TimeProvider.System.GetElapsedTime(drain).TotalSeconds:0} s.");

        var chunks = await ChunkIntegrity.AssertChunkRowsAsync(database, ids);
        var wrongLength = chunks.SelectMany(c => c.Value).Where(c => c.Samples != c.CharLength).ToList();
        Assert.True(wrongLength.Count == 0, $"{wrongLength.Count} chunks do not hold one silent sample per character, e.g. {wrongLength.FirstOrDefault()}");
        var sample = accepted.OrderBy(a => a.Id).Take(40).ToList();
        await ChaosSettings.AssertEndToEndAsync(cluster, sample, TimeSpan.FromSeconds(10));
        Assert.Equal(0, await OpenChunksAsync(database));
        output.WriteLine($"Test took {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0} s.");
    }

    private static async Task<int> QueuedChunksAsync(HttpClient admin)
    {
        using var queue = JsonDocument.Parse(await admin.GetStringAsync("/admin/queue"));
        return queue.RootElement.GetProperty("pools").EnumerateArray()
            .Where(p => p.GetProperty("pool").GetString() == "espeak").Sum(p => p.GetProperty("queued").GetInt32());
    }

    private static async Task<long> OpenChunksAsync(string database)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM job_chunks WHERE state IN ('queued', 'leased')");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
