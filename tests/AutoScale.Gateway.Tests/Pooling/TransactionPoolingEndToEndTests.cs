using System.Globalization;
using System.Net;
using AutoScale.Artifacts;
using AutoScale.Artifacts.S3;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Migrations;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Gateway.Tests.Pooling;

/// <summary>
/// The gateway and an eSpeak worker reach PostgreSQL only through a PgBouncer in transaction mode with a small pool
/// (as on Supabase's Supavisor, port 6543), from an empty database: migrations, membership, reminders, grain state,
/// queues and jobs all run with each transaction on whichever server connection is free.
/// </summary>
public sealed class TransactionPoolingEndToEndTests
{
    private const int PoolSize = 5;

    private static readonly IReadOnlyDictionary<string, string> BehindTransactionPooler =
        new Dictionary<string, string> { ["Database__Pooler"] = "Transaction" };

    [PgBouncerFact]
    public async Task Jobs_succeed_with_every_connection_multiplexed_through_pgbouncer()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>(BehindTransactionPooler) { ["Artifacts__Path"] = artifacts };

        await RunJobsThroughPgBouncerAsync("pooling", settings, [300, 1_500, 3_000, 800]);
    }

    [PgBouncerAndS3rverFact]
    public async Task A_job_with_S3_artifacts_succeeds_with_the_database_behind_pgbouncer()
    {
        await using var s3 = await S3rverProcess.StartAsync();
        var unusedFolder = Path.Combine(Path.GetTempPath(), "autoscale-test-artifacts", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>(BehindTransactionPooler) { ["Artifacts__Path"] = unusedFolder };
        foreach (var (key, value) in s3.ArtifactSettings())
        {
            settings[key] = value;
        }

        var ids = await RunJobsThroughPgBouncerAsync("pools3", settings, [1_200]);

        using var client = S3ClientFactory.Create(new S3ArtifactOptions
        {
            Endpoint = s3.Endpoint.ToString(),
            AccessKey = S3rverProcess.AccessKey,
            SecretKey = S3rverProcess.SecretKey,
        });
        var final = await client.GetObjectMetadataAsync(S3rverProcess.Bucket, ArtifactKeys.Final(Guid.Parse(ids.Single()), "wav"));
        Assert.True(final.ContentLength > 44, "the final WAV in the bucket holds no audio");
        Assert.False(Directory.Exists(unusedFolder), "the processes wrote to Artifacts:Path rather than the bucket");
    }

    /// <summary>
    /// Starts PgBouncer before a fresh database, a gateway and a worker that use only it, submits a job of each of
    /// <paramref name="lengths"/> characters, checks each succeeds with a WAV holding every stored sample and that the
    /// connections went through PgBouncer; returns the job ids.
    /// </summary>
    private static async Task<IReadOnlyList<string>> RunJobsThroughPgBouncerAsync(
        string purpose, IReadOnlyDictionary<string, string> settings, int[] lengths)
    {
        var direct = await TestPostgres.CreateEmptyDatabaseAsync(purpose);
        var databaseName = new NpgsqlConnectionStringBuilder(direct).Database!;
        await using var bouncer = await PgBouncerProcess.StartAsync(TestPostgres.Server, PoolSize);
        var pooled = bouncer.ConnectionStringFor(databaseName);

        await using var gateway = await GatewayInstance.StartAsync(pooled, new Dictionary<string, string>(settings) { ["Queue__LeaseSeconds"] = "8" });
        await using var worker = await WorkerInstance.StartAsync(pooled, settings["Artifacts__Path"], "pooled-worker", settings);
        using var client = gateway.Client(await gateway.CreateTenantAsync("pooled"));

        var ids = new List<string>();
        foreach (var length in lengths)
        {
            var submitted = await (await client.SubmitAsync(new { text = SpeechText.OfLength(length) })).AssertStatusAsync(HttpStatusCode.Accepted);
            ids.Add(submitted.GetProperty("id").GetString()!);
        }

        foreach (var id in ids)
        {
            var job = await Eventually.ReturnsAsync(
                async () => await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync(),
                job => job.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
                TimeSpan.FromMinutes(3), $"job {id} to finish");
            var audio = await client.GetAsync($"/v1/jobs/{id}/audio");
            var wav = WavFile.Parse(await audio.Content.ReadAsByteArrayAsync());

            Assert.Equal("succeeded", job.GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
            Assert.Equal((22050, 1, 16), (wav.SampleRate, wav.Channels, wav.BitsPerSample));
            Assert.Equal(await StoredSamplesAsync(direct, id), wav.Samples);
            Assert.True(wav.Seconds > 1, $"job {id} should speak for more than a second, not {wav.Seconds:0.00} s");
        }

        await AssertEverythingWentThroughTheBouncerAsync(bouncer, direct, databaseName);
        return ids;
    }

    private static async Task AssertEverythingWentThroughTheBouncerAsync(PgBouncerProcess bouncer, string direct, string databaseName)
    {
        var clients = (await bouncer.ShowAsync("CLIENTS")).Count(row => row["database"] == databaseName);
        var stats = (await bouncer.ShowAsync("STATS")).Single(row => row["database"] == databaseName);
        var transactions = long.Parse(stats["total_xact_count"], CultureInfo.InvariantCulture);
        await using var directSource = NpgsqlDataSource.Create(direct);
        await using var backends = directSource.CreateCommand(
            "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        var serverSessions = (int)(await backends.ExecuteScalarAsync())!;
        await using var migrations = directSource.CreateCommand("SELECT count(*)::int FROM schema_migrations");

        // The two processes keep more client connections open than the pooler has server connections: they were multiplexed.
        Assert.True(clients > PoolSize, $"expected more than {PoolSize} clients of {databaseName} on pgbouncer, saw {clients}");
        Assert.InRange(serverSessions, 1, PoolSize);
        Assert.True(transactions > 100, $"expected pgbouncer to have carried the cluster's transactions, saw {transactions}");
        Assert.Equal(SchemaMigrator.Embedded.Count, (int)(await migrations.ExecuteScalarAsync())!);
    }

    private static async Task<long> StoredSamplesAsync(string direct, string id)
    {
        await using var dataSource = NpgsqlDataSource.Create(direct);
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(sum(samples), 0)::bigint FROM job_chunks WHERE job_id = $1::uuid AND state = 'done'");
        command.Parameters.AddWithValue(id);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
