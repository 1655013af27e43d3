using System.Net.Http.Headers;
using AutoScale.Gateway.Tests.Chaos;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing.Network;
using Npgsql;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Hosts;

[Trait("Category", "Chaos")]
[Collection(HostsCollection.Name)]
public sealed class SeedUnitOfWorkTests(HostsFixture hosts, ITestOutputHelper output)
{
    private const int Characters = 160_000;
    private const int WavHeaderBytes = 44;

    [NetworkLabFact]
    public async Task A_160000_character_job_on_four_worker_hosts_streams_its_first_audio_within_a_second_and_keeps_them_busy()
    {
        var database = hosts.CreateDatabase("seedunit");
        // Workers as deployed (their default concurrency): eSpeak has one engine slot, so a worker's engine time is at
        // most its wall time and the efficiency means what it says.
        var settings = new Dictionary<string, string> { ["Jobs__MaxCharacters"] = "200000" };
        await using var cluster = await HostCluster.StartAsync(database, hosts.Gateways[0], hosts.Workers, settings);
        await using var balancer = await LoadBalancer.StartAsync(hosts.LoadBalancer, [cluster.Gateway.BaseAddress]);
        var tenant = await cluster.Gateway.CreateTenantAsync("seed");
        using var client = new HttpClient { BaseAddress = balancer.BaseAddress, Timeout = TimeSpan.FromMinutes(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant);

        // A served gateway is warm: one small job first, so the figure is the seed's job and not this process's first JIT.
        await WarmUpAsync(client);

        var submitted = TimeProvider.System.GetTimestamp();
        var job = await (await client.SubmitAsync(new { text = SpeechText.OfLength(Characters) })).AssertStatusAsync(System.Net.HttpStatusCode.Accepted);
        var id = Guid.Parse(job.GetProperty("id").GetString()!);
        using var audio = await client.GetAsync($"/v1/jobs/{id}/audio", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await audio.Content.ReadAsStreamAsync();
        await body.ReadExactlyAsync(new byte[WavHeaderBytes + 1]);
        var firstAudio = TimeProvider.System.GetElapsedTime(submitted);
        var streamed = WavHeaderBytes + 1 + await DrainAsync(body);
        var streamedAll = TimeProvider.System.GetElapsedTime(submitted);

        await JobLedger.AssertAllSucceedAsync(database, [id], TimeSpan.FromMinutes(2), cluster.Transcript);
        var (chunks, engineSeconds, wallSeconds, perWorker) = await WorkAsync(database, id);
        var efficiency = engineSeconds / (hosts.Workers.Count * wallSeconds);
        output.WriteLine($"{Characters} characters in {chunks} chunks on {hosts.Workers.Count} worker hosts (eSpeak, {Environment.ProcessorCount} cores, "
            + $"load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}): first audio byte {firstAudio.TotalMilliseconds:0} ms after submit, "
            + $"{streamed / 1e6:0.0} MB streamed in {streamedAll.TotalSeconds:0.0} s; engine time {engineSeconds:0.0} s over {wallSeconds:0.0} s wall "
            + $"(chunks per worker: {perWorker}); parallel efficiency {efficiency:0.00}.");

        var whole = await (await client.GetAsync($"/v1/jobs/{id}/audio")).Content.ReadAsByteArrayAsync();
        Assert.Equal(whole.Length, streamed);
        Assert.True(firstAudio < TimeSpan.FromSeconds(1), $"The first audio byte came {firstAudio.TotalMilliseconds:0} ms after submit.");
        Assert.True(efficiency >= 0.8, $"Parallel efficiency {efficiency:0.00} is under 0.8.");
    }

    private static async Task WarmUpAsync(HttpClient client)
    {
        var job = await (await client.SubmitAsync(new { text = SpeechText.OfLength(2_000) })).AssertStatusAsync(System.Net.HttpStatusCode.Accepted);
        using var audio = await client.GetAsync($"/v1/jobs/{job.GetProperty("id").GetString()}/audio", HttpCompletionOption.ResponseHeadersRead);
        audio.EnsureSuccessStatusCode();
        await DrainAsync(await audio.Content.ReadAsStreamAsync());
    }

    private static async Task<long> DrainAsync(Stream body)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>The job's chunks, their engine time summed, the wall time from its creation to its last chunk, and chunks per worker.</summary>
    private static async Task<(long Chunks, double EngineSeconds, double WallSeconds, string PerWorker)> WorkAsync(string database, Guid id)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("""
            SELECT count(*), sum(c.engine_seconds), extract(epoch FROM max(c.finished_at) - j.created_at)::float8,
                   (SELECT string_agg(n::text, '/' ORDER BY n DESC) FROM (SELECT count(*) AS n FROM job_chunks WHERE job_id = $1 GROUP BY worker_id) w)
            FROM job_chunks c JOIN jobs j ON j.id = c.job_id WHERE c.job_id = $1 GROUP BY j.created_at
            """);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetString(3));
    }
}
