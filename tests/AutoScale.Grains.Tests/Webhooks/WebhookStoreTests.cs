using AutoScale.Grains.Webhooks;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Grains.Tests.Webhooks;

/// <summary>The SQL of webhook deliveries on a real PostgreSQL: scheduling once, claiming without overlap, recording attempts.</summary>
public sealed class WebhookStoreTests : IAsyncLifetime
{
    private NpgsqlDataSource _database = null!;
    private WebhookStore _store = null!;
    private Guid _tenant;

    public async Task InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync("webhooks"));
        _store = new WebhookStore(_database);
        _tenant = Guid.NewGuid();
        await using var tenant = _database.CreateCommand("INSERT INTO tenants (id, name, webhook_secret) VALUES ($1, 'webhooks', 'sekret')");
        tenant.Parameters.AddWithValue(_tenant);
        await tenant.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<Guid> InsertJobAsync()
    {
        var id = Guid.CreateVersion7();
        await using var job = _database.CreateCommand("""
            INSERT INTO jobs (id, tenant_id, status, created_at, started_at, finished_at, text, characters, model, voice, format, speed, priority, chunks_total, pool)
            VALUES ($1, $2, 'succeeded', now(), now(), now(), 'Hi.', 3, 'espeak', 'en-us', 'wav', 1.0, 'normal', 1, 'espeak')
            """);
        job.Parameters.AddWithValue(id);
        job.Parameters.AddWithValue(_tenant);
        await job.ExecuteNonQueryAsync();
        return id;
    }

    private async Task<IReadOnlyList<DueWebhook>> ClaimAndRecordAsync(string? error, TimeSpan nextDelay, int maxAttempts = 8)
    {
        await using var claim = await _store.ClaimDueAsync(16);
        foreach (var delivery in claim.Deliveries)
        {
            await claim.RecordAttemptAsync(delivery, delivery.Attempts + 1, error, maxAttempts, nextDelay);
        }

        await claim.CommitAsync();
        return claim.Deliveries;
    }

    [Fact]
    public async Task A_job_is_scheduled_once_and_claimed_with_its_tenants_secret()
    {
        var job = await InsertJobAsync();

        await _store.ScheduleAsync(job, "http://127.0.0.1:9/first");
        await _store.ScheduleAsync(job, "http://127.0.0.1:9/second");
        await using var claim = await _store.ClaimDueAsync(16);

        var delivery = Assert.Single(claim.Deliveries, d => d.JobId == job);
        Assert.Equal(("http://127.0.0.1:9/first", 0, "sekret"), (delivery.Url, delivery.Attempts, delivery.Secret));
    }

    [Fact]
    public async Task A_delivery_claimed_by_one_gateway_is_skipped_by_another_until_released()
    {
        var job = await InsertJobAsync();
        await _store.ScheduleAsync(job, "http://127.0.0.1:9/hook");

        await using (var first = await _store.ClaimDueAsync(16))
        {
            Assert.Contains(first.Deliveries, d => d.JobId == job);
            await using var second = await _store.ClaimDueAsync(16);
            Assert.DoesNotContain(second.Deliveries, d => d.JobId == job);
        }

        await using var afterRelease = await _store.ClaimDueAsync(16);
        Assert.Contains(afterRelease.Deliveries, d => d.JobId == job);
    }

    [Fact]
    public async Task A_delivered_webhook_is_never_claimed_again()
    {
        var job = await InsertJobAsync();
        await _store.ScheduleAsync(job, "http://127.0.0.1:9/hook");

        Assert.Contains(await ClaimAndRecordAsync(error: null, TimeSpan.Zero), d => d.JobId == job);

        Assert.DoesNotContain(await ClaimAndRecordAsync(error: null, TimeSpan.Zero), d => d.JobId == job);
    }

    [Fact]
    public async Task A_failed_attempt_waits_its_delay_and_the_last_one_gives_up()
    {
        var job = await InsertJobAsync();
        await _store.ScheduleAsync(job, "http://127.0.0.1:9/hook");

        Assert.Contains(await ClaimAndRecordAsync("HTTP 500", TimeSpan.FromHours(1), maxAttempts: 2), d => d.JobId == job);
        Assert.DoesNotContain(await ClaimAndRecordAsync("HTTP 500", TimeSpan.Zero, maxAttempts: 2), d => d.JobId == job);
        await using (var due = _database.CreateCommand("UPDATE webhook_deliveries SET next_attempt_at = now() WHERE job_id = $1"))
        {
            due.Parameters.AddWithValue(job);
            await due.ExecuteNonQueryAsync();
        }

        var second = Assert.Single(await ClaimAndRecordAsync("HTTP 500", TimeSpan.Zero, maxAttempts: 2), d => d.JobId == job);
        Assert.Equal(1, second.Attempts);
        Assert.DoesNotContain(await ClaimAndRecordAsync("HTTP 500", TimeSpan.Zero, maxAttempts: 2), d => d.JobId == job);
        await using var row = _database.CreateCommand("SELECT attempts, last_error, gave_up_at IS NOT NULL FROM webhook_deliveries WHERE job_id = $1");
        row.Parameters.AddWithValue(job);
        await using var reader = await row.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((2, "HTTP 500", true), (reader.GetInt32(0), reader.GetString(1), reader.GetBoolean(2)));
    }
}
