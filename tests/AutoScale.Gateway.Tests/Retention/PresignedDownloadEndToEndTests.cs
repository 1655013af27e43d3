using System.Net;
using System.Net.Http.Headers;
using AutoScale.Gateway.Tests.Artifacts;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Gateway.Tests.Retention;

/// <summary>
/// A finished job's audio through a presigned URL: the real gateway and an eSpeak worker storing artifacts in s3rver
/// with <c>Artifacts:S3:PresignedDownloads=true</c>. The redirect holds the job against retention for the URL's life.
/// </summary>
public sealed class PresignedDownloadEndToEndTests
{
    private const int PresignedSeconds = 120;

    [S3rverFact]
    public async Task A_finished_jobs_audio_redirects_to_a_presigned_url_that_serves_the_same_file_as_streaming()
    {
        await using var s3 = await S3rverProcess.StartAsync();
        var settings = new Dictionary<string, string>(s3.ArtifactSettings())
        {
            ["Artifacts__S3__PresignedDownloads"] = "true",
            ["Artifacts__S3__PresignedSeconds"] = PresignedSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var database = await TestPostgres.CreateEmptyDatabaseAsync("presigned");
        await using var gateway = await GatewayInstance.StartAsync(database, settings);
        await using var worker = await WorkerInstance.StartAsync(database, Path.GetTempPath(), "worker", settings);
        var key = await gateway.CreateTenantAsync("presigned");
        using var client = gateway.Client(key);
        var id = (await (await client.SubmitAsync(new { text = "Fetched straight from the bucket. Twice, to compare." })).JsonAsync())
            .GetProperty("id").GetString();
        await Eventually.TrueAsync(async () => (await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync()).GetProperty("status").GetString() == "succeeded",
            TimeSpan.FromMinutes(1), "the job to succeed");
        using var noFollow = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.BaseAddress };
        noFollow.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var redirect = await noFollow.GetAsync($"/v1/jobs/{id}/audio");
        var location = redirect.Headers.Location;
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.True(redirect.Headers.CacheControl?.NoStore, "a presigned redirect must not be cached");
        Assert.NotNull(location);
        Assert.True(location.IsAbsoluteUri && location.Authority == s3.Endpoint.Authority, $"Location {location} should point at the bucket");
        using var anonymous = new HttpClient();
        var fromBucket = await anonymous.GetByteArrayAsync(location);
        var streamed = await (await client.GetAsync($"/v1/jobs/{id}/audio?redirect=false")).Content.ReadAsByteArrayAsync();

        Assert.True(WavFile.Parse(fromBucket).Seconds > 1, "the bucket should serve a whole WAV file");
        Assert.Equal(streamed, fromBucket);
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var held = dataSource.CreateCommand("SELECT download_until > now() + make_interval(secs => $2) FROM jobs WHERE id = $1");
        held.Parameters.AddWithValue(Guid.Parse(id!));
        held.Parameters.AddWithValue(PresignedSeconds - 30.0);
        Assert.True((bool)(await held.ExecuteScalarAsync())!, "the redirect should hold the job for the URL's lifetime");
    }
}
