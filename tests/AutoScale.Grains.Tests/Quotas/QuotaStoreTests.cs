using AutoScale.Grains.Quotas;
using AutoScale.Grains.Retention;
using AutoScale.Interfaces.Quotas;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Grains.Tests.Quotas;

/// <summary>What the stored jobs say a tenant used, on a real PostgreSQL, before and after retention deletes them.</summary>
public sealed class QuotaStoreTests : IAsyncLifetime
{
    private NpgsqlDataSource _database = null!;
    private QuotaStore _store = null!;
    private Guid _tenant;

    public async Task InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync("quotas"));
        _store = new QuotaStore(_database);
        _tenant = await InsertTenantAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Quotas_are_stored_replaced_and_cleared_and_an_unknown_tenant_stores_nothing()
    {
        Assert.Equal(TenantQuotas.None, await _store.LoadAsync(_tenant));

        Assert.True(await _store.SaveAsync(_tenant, new TenantQuotas(1000, 20000, 3, 500)));
        Assert.Equal(new TenantQuotas(1000, 20000, 3, 500), await _store.LoadAsync(_tenant));
        Assert.True(await _store.SaveAsync(_tenant, new TenantQuotas(null, 5, null, null)));
        Assert.Equal(new TenantQuotas(null, 5, null, null), await _store.LoadAsync(_tenant));

        Assert.False(await _store.SaveAsync(Guid.NewGuid(), new TenantQuotas(1, 1, 1, 1)));
    }

    [Fact]
    public async Task Usage_counts_today_and_this_month_at_acceptance_leaving_out_jobs_cancelled_before_they_ran()
    {
        var now = DateTimeOffset.UtcNow;
        var today = QuotaPeriods.DayStart(now);
        await InsertJobAsync(today.AddMinutes(1), "succeeded", 100);
        await InsertJobAsync(today.AddMinutes(2), "queued", 20);
        await InsertJobAsync(today.AddMinutes(3), "cancelled", 1000, started: false);
        await InsertJobAsync(today.AddMinutes(4), "cancelled", 7, started: true);
        var earlierThisMonth = QuotaPeriods.MonthStart(now) < today ? QuotaPeriods.MonthStart(now) : (DateTimeOffset?)null;
        if (earlierThisMonth is { } monthStart)
        {
            await InsertJobAsync(monthStart.AddMinutes(1), "failed", 300);
        }

        await InsertJobAsync(QuotaPeriods.MonthStart(now).AddDays(-1), "succeeded", 5000);
        await InsertJobAsync(today.AddMinutes(5), "succeeded", 9999, tenant: await InsertTenantAsync());

        var usage = await _store.LoadUsageAsync(_tenant, now);

        Assert.Equal(127, usage.CharactersToday);
        Assert.Equal(127 + (earlierThisMonth is null ? 0 : 300), usage.CharactersThisMonth);
        Assert.Equal([20], usage.OpenJobs.Select(j => j.Characters));
    }

    [Fact]
    public async Task Jobs_deleted_by_retention_still_count_through_the_hourly_roll_up()
    {
        var now = DateTimeOffset.UtcNow;
        var kept = await InsertJobAsync(EarlierToday(now, 3), "succeeded", 100);
        var purged = await InsertJobAsync(EarlierToday(now, 2), "succeeded", 40);
        var refunded = await InsertJobAsync(EarlierToday(now, 1), "cancelled", 1000, started: false);
        var before = await _store.LoadUsageAsync(_tenant, now);
        var retention = new RetentionStore(_database);
        Assert.Equal(new[] { kept, purged, refunded }.Order(), (await retention.ClaimExpiredAsync(TimeSpan.Zero, 10)).Order());

        Assert.Equal(2, await retention.DeleteClaimedAsync([purged, refunded]));
        var after = await _store.LoadUsageAsync(_tenant, now);

        Assert.Equal((140L, 140L), (before.CharactersToday, before.CharactersThisMonth));
        Assert.Equal((before.CharactersToday, before.CharactersThisMonth), (after.CharactersToday, after.CharactersThisMonth));
    }

    // A moment of today that has already passed (the jobs finish when they are created, and retention takes only the past).
    private static DateTimeOffset EarlierToday(DateTimeOffset now, int seconds)
    {
        var earlier = now.AddSeconds(-seconds);
        return earlier < QuotaPeriods.DayStart(now) ? QuotaPeriods.DayStart(now) : earlier;
    }

    private async Task<Guid> InsertTenantAsync()
    {
        var id = Guid.NewGuid();
        await using var tenant = _database.CreateCommand("INSERT INTO tenants (id, name) VALUES ($1, 'quotas')");
        tenant.Parameters.AddWithValue(id);
        await tenant.ExecuteNonQueryAsync();
        return id;
    }

    private async Task<Guid> InsertJobAsync(DateTimeOffset createdAt, string status, int characters, bool started = true, Guid? tenant = null)
    {
        var id = Guid.NewGuid();
        var terminal = status is "succeeded" or "failed" or "cancelled";
        await using var insert = _database.CreateCommand("""
            INSERT INTO jobs (id, tenant_id, status, created_at, started_at, finished_at, text, characters, model, voice, format,
                              speed, priority, chunks_total, pool, error_code)
            VALUES ($1, $2, $3, $4, CASE WHEN $6 THEN $4 END, CASE WHEN $7 THEN $4 END, repeat('a', $5), $5, 'espeak', 'en-us', 'wav',
                    1, 'normal', 1, 'espeak', CASE WHEN $3 = 'failed' THEN 'chunk_failed' END)
            """);
        insert.Parameters.AddWithValue(id);
        insert.Parameters.AddWithValue(tenant ?? _tenant);
        insert.Parameters.AddWithValue(status);
        insert.Parameters.AddWithValue(createdAt);
        insert.Parameters.AddWithValue(characters);
        insert.Parameters.AddWithValue(started && status != "queued");
        insert.Parameters.AddWithValue(terminal);
        await insert.ExecuteNonQueryAsync();
        return id;
    }
}
