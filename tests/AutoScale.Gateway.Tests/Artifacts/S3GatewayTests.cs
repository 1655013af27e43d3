using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AutoScale.Artifacts;
using AutoScale.Data;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Artifacts;

/// <summary>The real gateway and worker processes with <c>Artifacts:Store=s3</c>, against s3rver.</summary>
public sealed class S3GatewayTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [S3rverFact]
    public async Task A_gateway_whose_bucket_does_not_exist_stops_naming_the_bucket_and_never_prints_the_secret()
    {
        var bucket = $"missing-{Guid.NewGuid():N}"[..20];

        var output = await StartGatewayExpectingExitAsync(new Dictionary<string, string>(s3.Server.ArtifactSettings(bucket)));

        Assert.Contains($"bucket '{bucket}'", output, StringComparison.Ordinal);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
        Assert.DoesNotContain(S3rverProcess.SecretKey, output, StringComparison.Ordinal);
    }

    [S3rverFact]
    public async Task A_gateway_with_unknown_keys_stops_saying_to_check_them_and_never_prints_them()
    {
        // s3rver checks the access key (not yet V4 signatures, so not the secret alone).
        var accessKey = $"UNKNOWN{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var secret = $"secret-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>(s3.Server.ArtifactSettings())
        {
            ["Artifacts__S3__AccessKey"] = accessKey,
            ["Artifacts__S3__SecretKey"] = secret,
        };

        var output = await StartGatewayExpectingExitAsync(settings);

        Assert.Contains($"bucket '{S3rverProcess.Bucket}'", output, StringComparison.Ordinal);
        Assert.Contains("refused the credentials", output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(accessKey, output, StringComparison.Ordinal);
    }

    [S3rverFact]
    public async Task A_job_on_gateway_and_worker_with_the_S3_store_succeeds_and_its_audio_and_chunks_are_in_the_bucket()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("s3jobs");
        var unusedFolder = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        await using var gateway = await GatewayInstance.StartAsync(database, s3.Server.ArtifactSettings());
        await using var worker = await WorkerInstance.StartAsync(database, unusedFolder, "worker", s3.Server.ArtifactSettings());
        using var client = gateway.Client(await gateway.CreateTenantAsync("s3"));

        var id = (await (await client.SubmitAsync(new { text = SpeechText.OfLength(1_200) })).JsonAsync()).GetProperty("id").GetString()!;
        var job = await Eventually.ReturnsAsync(async () => await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync(),
            status => status.GetProperty("status").GetString() is "succeeded" or "failed", TimeSpan.FromMinutes(2), "the job to finish");
        var audio = await client.GetAsync($"/v1/jobs/{id}/audio");
        var bytes = await audio.Content.ReadAsByteArrayAsync();
        var range = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{id}/audio") { Headers = { Range = new RangeHeaderValue(100, 1099) } };
        var part = await client.SendAsync(range);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.True(WavFile.Parse(bytes).Seconds > 1, "the audio is shorter than a second");
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(bytes[100..1100], await part.Content.ReadAsByteArrayAsync());
        var jobId = Guid.Parse(id);
        var keys = await s3.KeysAsync(ArtifactKeys.Job(jobId));
        var chunks = job.GetProperty("progress").GetProperty("chunksTotal").GetInt32();
        var chunkKeys = keys.Where(key => key.StartsWith($"{ArtifactKeys.Job(jobId)}chunks/", StringComparison.Ordinal)).ToList();
        Assert.True(chunks > 0 && chunkKeys.Count == chunks, $"{chunks} chunks, but the bucket has: {string.Join(", ", keys)}");
        Assert.Contains(ArtifactKeys.Final(jobId, "wav"), keys);
        Assert.False(Directory.Exists(unusedFolder), "the worker wrote to Artifacts:Path rather than the bucket");
    }

    /// <summary>Starts a gateway that is expected to stop by itself; returns everything it printed.</summary>
    private static async Task<string> StartGatewayExpectingExitAsync(Dictionary<string, string> settings)
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("s3startup");
        settings["ConnectionStrings__Postgres"] = database;
        settings["Auth__AdminKey"] = $"admin-{Guid.NewGuid():N}";
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{LocalPostgresCluster.FreeTcpPort()}";
        settings["Orleans__SiloPort"] = LocalPostgresCluster.FreeTcpPort().ToString(CultureInfo.InvariantCulture);
        settings["Fleet__Provider"] = "none";
        await using var gateway = ServiceProcess.Start("Gateway", settings, keepTranscript: true);

        Assert.True(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(90)), $"the gateway did not stop by itself. Its output:\n{gateway.RecentOutput}");

        var output = string.Join('\n', gateway.Transcript);
        Assert.True(gateway.ExitCode != 0, $"The gateway exited with 0. Its output:\n{output}");
        return output;
    }
}
