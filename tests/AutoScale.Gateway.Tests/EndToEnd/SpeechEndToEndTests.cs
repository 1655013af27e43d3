using System.Net;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Gateway.Tests.EndToEnd;

/// <summary>Gateway and worker silos as real processes, eSpeak NG speaking, PostgreSQL underneath.</summary>
public sealed class SpeechEndToEndTests
{
    private static readonly Dictionary<string, string> QuickLeases = new() { ["Queue__LeaseSeconds"] = "8" };

    private sealed record Cluster(GatewayInstance Gateway, string Database, string Artifacts, List<ServiceProcess> Workers) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var worker in Workers)
            {
                await worker.DisposeAsync();
            }

            await Gateway.DisposeAsync();
        }
    }

    private static async Task<Cluster> StartAsync(string purpose, int workers)
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync(purpose);
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        var gateway = await GatewayInstance.StartAsync(database, new Dictionary<string, string>(QuickLeases)
        {
            ["Artifacts__Path"] = artifacts,
            ["Jobs__MaxCharacters"] = "100000",
        });
        var started = new List<ServiceProcess>();
        for (var i = 0; i < workers; i++)
        {
            started.Add(await WorkerInstance.StartAsync(database, artifacts, $"worker-{i}"));
        }

        return new Cluster(gateway, database, artifacts, started);
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string id, string status, TimeSpan timeout) =>
        await Eventually.ReturnsAsync(
            async () => await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync(),
            job => job.GetProperty("status").GetString() == status || job.GetProperty("status").GetString() is "failed" or "cancelled",
            timeout, $"job {id} to be {status}");

    private static async Task<(long Samples, int Workers, int Done, int Total)> ChunkFactsAsync(string database, string id)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("""
            SELECT coalesce(sum(samples), 0)::bigint, count(DISTINCT worker_id)::int, count(*) FILTER (WHERE state = 'done')::int, count(*)::int
            FROM job_chunks WHERE job_id = $1::uuid
            """);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
    }

    private static async Task<int> DoneChunksAsync(string database, string id) => (await ChunkFactsAsync(database, id)).Done;

    [Fact]
    public async Task A_long_text_becomes_one_wav_made_by_both_workers_whose_duration_is_the_sum_of_its_chunks()
    {
        await using var cluster = await StartAsync("e2elong", workers: 2);
        using var client = cluster.Gateway.Client(await cluster.Gateway.CreateTenantAsync("reader"));

        var submitted = await (await client.SubmitAsync(new { text = SpeechText.OfLength(20_000) })).AssertStatusAsync(HttpStatusCode.Accepted);
        var id = submitted.GetProperty("id").GetString()!;
        var job = await WaitForStatusAsync(client, id, "succeeded", TimeSpan.FromMinutes(5));
        var audio = await client.GetAsync($"/v1/jobs/{id}/audio");
        var wav = WavFile.Parse(await audio.Content.ReadAsByteArrayAsync());
        var facts = await ChunkFactsAsync(cluster.Database, id);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        Assert.Equal((22050, 1, 16), (wav.SampleRate, wav.Channels, wav.BitsPerSample));
        Assert.Equal(facts.Samples, wav.Samples);
        Assert.Equal(facts.Total, facts.Done);
        Assert.Equal(2, facts.Workers);
        Assert.InRange(job.GetProperty("audioSeconds").GetDouble(), wav.Seconds - 0.01, wav.Seconds + 0.01);
        Assert.True(job.GetProperty("gpuSeconds").GetDouble() > 0);
        Assert.True(job.GetProperty("costUsd").GetDecimal() > 0);
        Assert.True(wav.Seconds > 600, $"20,000 characters of English should last well over 10 minutes, not {wav.Seconds:0} s");
    }

    [Fact]
    public async Task Killing_a_worker_mid_job_loses_no_chunk_and_repeats_none()
    {
        await using var cluster = await StartAsync("e2ekillworker", workers: 2);
        using var client = cluster.Gateway.Client(await cluster.Gateway.CreateTenantAsync("survivor"));
        var id = (await (await client.SubmitAsync(new { text = SpeechText.OfLength(12_000) })).JsonAsync()).GetProperty("id").GetString()!;

        await Eventually.TrueAsync(async () => await DoneChunksAsync(cluster.Database, id) >= 3, TimeSpan.FromMinutes(2), "three chunks done");
        cluster.Workers[0].Kill();
        var job = await WaitForStatusAsync(client, id, "succeeded", TimeSpan.FromMinutes(5));
        var wav = WavFile.Parse(await (await client.GetAsync($"/v1/jobs/{id}/audio")).Content.ReadAsByteArrayAsync());
        var facts = await ChunkFactsAsync(cluster.Database, id);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(facts.Total, facts.Done);
        Assert.Equal(facts.Samples, wav.Samples);
    }

    [Fact]
    public async Task Killing_the_gateway_mid_job_resumes_the_job_after_its_restart()
    {
        var cluster = await StartAsync("e2ekillgateway", workers: 1);
        GatewayInstance? restarted = null;
        try
        {
            var key = await cluster.Gateway.CreateTenantAsync("patient");
            using var client = cluster.Gateway.Client(key);
            var id = (await (await client.SubmitAsync(new { text = SpeechText.OfLength(8_000) })).JsonAsync()).GetProperty("id").GetString()!;
            await Eventually.TrueAsync(async () => await DoneChunksAsync(cluster.Database, id) >= 2, TimeSpan.FromMinutes(2), "two chunks done");

            cluster.Gateway.Process.Kill();
            restarted = await GatewayInstance.StartAsync(cluster.Database, new Dictionary<string, string>(QuickLeases)
            {
                ["Artifacts__Path"] = cluster.Artifacts,
                ["Jobs__MaxCharacters"] = "100000",
            }, cluster.Gateway.AdminKey, cluster.Gateway.SiloPort);
            using var after = restarted.Client(key);
            var job = await WaitForStatusAsync(after, id, "succeeded", TimeSpan.FromMinutes(5));
            var wav = WavFile.Parse(await (await after.GetAsync($"/v1/jobs/{id}/audio")).Content.ReadAsByteArrayAsync());
            var facts = await ChunkFactsAsync(cluster.Database, id);

            Assert.Equal("succeeded", job.GetProperty("status").GetString());
            Assert.Equal(facts.Total, facts.Done);
            Assert.Equal(facts.Samples, wav.Samples);
        }
        finally
        {
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }

            await cluster.DisposeAsync();
        }
    }
}
