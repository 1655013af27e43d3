using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Gateway.Tests.Retention;

/// <summary>
/// Retention through the real gateway and an eSpeak worker, sweeping every 1.2 s: expired finished jobs go with their
/// rows and artifacts, recent and unfinished ones stay, and a job whose audio is being downloaded stays until the
/// download has ended and its hold lapsed. Jobs are made old by moving their finish time back in the database.
/// </summary>
public sealed class RetentionEndToEndTests : IAsyncLifetime
{
    private const double HoldSeconds = 3;
    private readonly string _artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
    private GatewayInstance _gateway = null!;
    private ServiceProcess _worker = null!;
    private NpgsqlDataSource _database = null!;
    private HttpClient _client = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("retention");
        _gateway = await GatewayInstance.StartAsync(database, new Dictionary<string, string>
        {
            ["Artifacts__Path"] = _artifacts,
            // The webhook receiver is on loopback, which webhooks may only reach when an operator allows it.
            ["Webhooks__AllowedHosts__0"] = "127.0.0.1",
            ["Jobs__MaxCharacters"] = "20000",
            ["Jobs__RetentionSweepMinutes"] = "0.02",
            ["Jobs__DownloadHoldSeconds"] = HoldSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _worker = await WorkerInstance.StartAsync(database, _artifacts, "worker");
        _database = NpgsqlDataSource.Create(database);
        _key = await _gateway.CreateTenantAsync("retention");
        _client = _gateway.Client(_key);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _database.DisposeAsync();
        await _worker.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Fact]
    public async Task Expired_finished_jobs_go_with_their_rows_and_artifacts_while_recent_and_unfinished_jobs_stay()
    {
        await using var receiver = new WebhookReceiver(failFirst: 0);
        var expired = await SucceededJobAsync("This job is old enough to go.", receiver.Url);
        var recent = await SucceededJobAsync("This job finished a moment ago and stays.");
        var cancelled = await SubmitAsync(new { text = "Cancelled long ago.", model = "kokoro" }); // no Kokoro worker: it waits
        (await _client.DeleteAsync($"/v1/jobs/{cancelled}")).EnsureSuccessStatusCode();
        var unfinished = await SubmitAsync(new { text = "Waiting for a Kokoro worker since long ago.", model = "kokoro" });
        Assert.True(Directory.Exists(JobFolder(expired)), "the expired job's artifacts should exist before the sweep");
        Assert.Equal((1, 1), await RowsAsync(expired, "job_chunks", "webhook_deliveries"));

        await AgeAsync("finished_at", 40, expired, cancelled);
        await AgeAsync("created_at", 400, unfinished);
        await WaitUntilGoneAsync(expired);
        await WaitUntilGoneAsync(cancelled);

        Assert.Equal((0, 0), await RowsAsync(expired, "job_chunks", "webhook_deliveries"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM jobs WHERE id = ANY($1)", [expired, cancelled]));
        Assert.False(Directory.Exists(JobFolder(expired)), "the expired job's artifacts should be gone");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/v1/jobs/{expired}/audio")).StatusCode);
        Assert.Equal("succeeded", await StatusOfAsync(recent));
        Assert.True(File.Exists(Path.Combine(JobFolder(recent), "final.wav")), "the recent job's audio should stay");
        Assert.Equal("queued", await StatusOfAsync(unfinished));
    }

    [Fact]
    public async Task A_job_whose_audio_is_being_downloaded_stays_until_the_download_ends_and_its_hold_lapses()
    {
        var downloaded = await SucceededJobAsync(SpeechText.OfLength(12_000));
        var witness = await SucceededJobAsync("This one shows that sweeps ran.");
        using var slowClient = SlowReader();
        using var response = await slowClient.GetAsync($"/v1/jobs/{downloaded}/audio", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var head = new byte[8192];
        await body.ReadExactlyAsync(head);

        await AgeAsync("finished_at", 40, downloaded, witness);
        await WaitUntilGoneAsync(witness);
        await Task.Delay(TimeSpan.FromSeconds(2 * HoldSeconds)); // longer than a hold that was not renewed

        Assert.Equal("succeeded", await StatusOfAsync(downloaded));
        Assert.True(Directory.Exists(JobFolder(downloaded)), "the artifacts of a job being downloaded should stay");
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM jobs WHERE id = ANY($1) AND download_until > now()", [downloaded]));
        using var rest = new MemoryStream();
        rest.Write(head);
        await body.CopyToAsync(rest);
        var wav = WavFile.Parse(rest.ToArray());
        Assert.True(wav.Seconds > 60, $"the whole long file should arrive, got {wav.Seconds} s");

        body.Close();
        await WaitUntilGoneAsync(downloaded);
        Assert.False(Directory.Exists(JobFolder(downloaded)), "the job's artifacts should go once its download ended");
    }

    [Fact]
    public async Task The_folder_store_streams_the_audio_with_or_without_redirect_and_refuses_an_unknown_redirect_value()
    {
        var id = await SucceededJobAsync("No presigned links from a folder.");

        var plain = await _client.GetAsync($"/v1/jobs/{id}/audio");
        var streamed = await _client.GetAsync($"/v1/jobs/{id}/audio?redirect=false");
        var invalid = await _client.GetAsync($"/v1/jobs/{id}/audio?redirect=maybe");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(await plain.Content.ReadAsByteArrayAsync(), await streamed.Content.ReadAsByteArrayAsync());
        Assert.Equal("redirect", (await invalid.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    /// <summary>A client whose socket takes little at a time, so the gateway is still sending while the test holds the stream.</summary>
    private HttpClient SlowReader()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 4096 };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = _gateway.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _key);
        return client;
    }

    private string JobFolder(Guid id) => Path.Combine(_artifacts, "jobs", id.ToString("N"));

    private async Task<Guid> SubmitAsync(object body)
    {
        var response = await _client.SubmitAsync(body);
        var job = await response.AssertStatusAsync(HttpStatusCode.Accepted);
        return job.GetProperty("id").GetGuid();
    }

    /// <summary>A job that succeeded and whose whole file was assembled (by a first download).</summary>
    private async Task<Guid> SucceededJobAsync(string text, string? webhookUrl = null)
    {
        var id = await SubmitAsync(new { text, webhookUrl });
        await Eventually.TrueAsync(async () => await StatusOfAsync(id) == "succeeded", TimeSpan.FromMinutes(2), $"job {id} to succeed");
        using var audio = await _client.GetAsync($"/v1/jobs/{id}/audio");
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        return id;
    }

    private async Task<string?> StatusOfAsync(Guid id)
    {
        var response = await _client.GetAsync($"/v1/jobs/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.AssertStatusAsync(HttpStatusCode.OK)).GetProperty("status").GetString();
    }

    private async Task WaitUntilGoneAsync(Guid id)
    {
        try
        {
            await Eventually.TrueAsync(async () => await StatusOfAsync(id) is null, TimeSpan.FromSeconds(60), $"job {id} to be removed (GET answers 404)");
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message}\nThe gateway's output:\n{_gateway.Process.RecentOutput}", exception);
        }
    }

    private async Task AgeAsync(string column, int days, params Guid[] ids)
    {
        await using var command = _database.CreateCommand($"UPDATE jobs SET {column} = {column} - make_interval(days => $1) WHERE id = ANY($2)");
        command.Parameters.AddWithValue(days);
        command.Parameters.AddWithValue(ids);
        Assert.Equal(ids.Length, await command.ExecuteNonQueryAsync());
    }

    private async Task<(long, long)> RowsAsync(Guid id, string first, string second) =>
        (await CountAsync($"SELECT count(*) FROM {first} WHERE job_id = ANY($1)", [id]) > 0 ? 1 : 0,
         await CountAsync($"SELECT count(*) FROM {second} WHERE job_id = ANY($1)", [id]));

    private async Task<long> CountAsync(string sql, Guid[] ids)
    {
        await using var command = _database.CreateCommand(sql);
        command.Parameters.AddWithValue(ids);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
