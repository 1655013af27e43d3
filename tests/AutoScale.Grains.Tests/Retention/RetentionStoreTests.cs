using AutoScale.Grains.Retention;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Grains.Tests.Retention;

/// <summary>The SQL of retention on a real PostgreSQL: what a sweep claims, what a download holds, what a delete removes.</summary>
public sealed class RetentionStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);
    private NpgsqlDataSource _database = null!;
    private RetentionStore _store = null!;
    private Guid _tenant;

    public async Task InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync("retention"));
        _store = new RetentionStore(_database);
        _tenant = Guid.NewGuid();
        await using var tenant = _database.CreateCommand("INSERT INTO tenants (id, name) VALUES ($1, 'retention')");
        tenant.Parameters.AddWithValue(_tenant);
        await tenant.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_sweep_claims_finished_jobs_older_than_the_retention_that_no_download_holds()
    {
        var oldSucceeded = await InsertJobAsync("succeeded", finishedDaysAgo: 40);
        var oldFailed = await InsertJobAsync("failed", finishedDaysAgo: 31);
        var oldCancelled = await InsertJobAsync("cancelled", finishedDaysAgo: 365);
        await InsertJobAsync("succeeded", finishedDaysAgo: 29);
        await InsertJobAsync("queued", finishedDaysAgo: null, createdDaysAgo: 400);
        await InsertJobAsync("running", finishedDaysAgo: null, createdDaysAgo: 400);
        var held = await InsertJobAsync("succeeded", finishedDaysAgo: 40);
        Assert.True(await _store.HoldForDownloadAsync(held, TimeSpan.FromMinutes(5)));

        var claimed = await _store.ClaimExpiredAsync(Month, 100);

        Assert.Equal(new[] { oldSucceeded, oldFailed, oldCancelled }.Order(), claimed.Order());
    }

    [Fact]
    public async Task A_claim_takes_at_most_the_batch_oldest_first_and_an_unfinished_claim_is_taken_again()
    {
        var oldest = await InsertJobAsync("succeeded", finishedDaysAgo: 90);
        var older = await InsertJobAsync("succeeded", finishedDaysAgo: 80);
        await InsertJobAsync("succeeded", finishedDaysAgo: 70);
        await InsertJobAsync("succeeded", finishedDaysAgo: 60);

        var first = await _store.ClaimExpiredAsync(Month, 2);
        var again = await _store.ClaimExpiredAsync(Month, 2);

        Assert.Equal(new[] { oldest, older }, first);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task An_expired_hold_no_longer_protects_a_job()
    {
        var job = await InsertJobAsync("succeeded", finishedDaysAgo: 40);
        Assert.True(await _store.HoldForDownloadAsync(job, TimeSpan.FromSeconds(1)));
        Assert.Empty(await _store.ClaimExpiredAsync(Month, 10));

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal([job], await _store.ClaimExpiredAsync(Month, 10));
    }

    [Fact]
    public async Task A_job_claimed_by_a_sweep_cannot_be_held_for_a_download()
    {
        var job = await InsertJobAsync("succeeded", finishedDaysAgo: 40);
        Assert.Equal([job], await _store.ClaimExpiredAsync(Month, 10));

        Assert.False(await _store.HoldForDownloadAsync(job, TimeSpan.FromMinutes(5)));
        Assert.False(await _store.HoldForDownloadAsync(Guid.NewGuid(), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_download_taking_its_hold_while_the_sweep_runs_wins()
    {
        var job = await InsertJobAsync("succeeded", finishedDaysAgo: 40);
        await using var connection = await _database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand(
            "UPDATE jobs SET download_until = now() + interval '5 minutes' WHERE id = $1", connection, transaction))
        {
            hold.Parameters.AddWithValue(job);
            await hold.ExecuteNonQueryAsync();
        }

        var claimedDuringHold = await _store.ClaimExpiredAsync(Month, 10);
        await transaction.CommitAsync();
        var claimedAfter = await _store.ClaimExpiredAsync(Month, 10);

        Assert.Empty(claimedDuringHold);
        Assert.Empty(claimedAfter);
    }

    [Fact]
    public async Task Deleting_claimed_jobs_removes_their_chunks_and_webhook_deliveries_and_nothing_else()
    {
        var expired = await InsertJobAsync("succeeded", finishedDaysAgo: 40, webhook: true);
        var unclaimed = await InsertJobAsync("succeeded", finishedDaysAgo: 40, webhook: true);
        var recent = await InsertJobAsync("succeeded", finishedDaysAgo: 1, webhook: true);
        Assert.Equal([expired], await _store.ClaimExpiredAsync(Month, 1));

        var deleted = await _store.DeleteClaimedAsync([expired, unclaimed, recent]);

        Assert.Equal(1, deleted);
        Assert.Equal((0, 0, 0), await RowsOfAsync(expired));
        Assert.Equal((1, 2, 1), await RowsOfAsync(unclaimed));
        Assert.Equal((1, 2, 1), await RowsOfAsync(recent));
    }

    private async Task<Guid> InsertJobAsync(string status, double? finishedDaysAgo, double createdDaysAgo = 400, bool webhook = false)
    {
        var id = Guid.NewGuid();
        await using var insert = _database.CreateCommand("""
            WITH job AS (
              INSERT INTO jobs (id, tenant_id, status, created_at, started_at, finished_at, text, characters, model, voice, format,
                                speed, priority, chunks_total, pool, error_code, webhook_url)
              VALUES ($1, $2, $3, now() - make_interval(days => $4::int), now() - make_interval(days => $4::int),
                      now() - make_interval(secs => $5 * 86400), 'Two. Chunks.', 12, 'espeak', 'en-us', 'wav', 1, 'normal', 2,
                      'espeak', CASE WHEN $3 = 'failed' THEN 'chunk_failed' END,
                      CASE WHEN $6 THEN 'http://127.0.0.1:9/hook' END)
              RETURNING id),
            chunks AS (
              INSERT INTO job_chunks (job_id, seq, char_start, char_length, text)
              SELECT job.id, s, s * 5, 5, 'Two. ' FROM job, generate_series(0, 1) AS s)
            INSERT INTO webhook_deliveries (job_id, url) SELECT job.id, 'http://127.0.0.1:9/hook' FROM job WHERE $6
            """);
        insert.Parameters.AddWithValue(id);
        insert.Parameters.AddWithValue(_tenant);
        insert.Parameters.AddWithValue(status);
        insert.Parameters.AddWithValue((int)createdDaysAgo);
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)finishedDaysAgo ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
        insert.Parameters.AddWithValue(webhook);
        await insert.ExecuteNonQueryAsync();
        return id;
    }

    private async Task<(long Jobs, long Chunks, long Deliveries)> RowsOfAsync(Guid job)
    {
        await using var count = _database.CreateCommand("""
            SELECT (SELECT count(*) FROM jobs WHERE id = $1), (SELECT count(*) FROM job_chunks WHERE job_id = $1),
                   (SELECT count(*) FROM webhook_deliveries WHERE job_id = $1)
            """);
        count.Parameters.AddWithValue(job);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
