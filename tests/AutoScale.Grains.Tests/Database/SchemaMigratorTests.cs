using AutoScale.Migrations;
using AutoScale.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AutoScale.Grains.Tests.Database;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task Concurrent_starters_apply_each_migration_exactly_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateEmptyDatabaseAsync("migrate"));

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync())));

        Assert.Equal(SchemaMigrator.Embedded.Count, runs.Sum(applied => applied.Count));
        await using var command = dataSource.CreateCommand("SELECT count(*)::int FROM schema_migrations");
        Assert.Equal(SchemaMigrator.Embedded.Count, (int)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_second_run_applies_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync("migrate"));

        var applied = await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        Assert.Empty(applied);
    }

    [Fact]
    public void Migrations_are_numbered_without_gaps_from_one()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.Embedded.Count), SchemaMigrator.Embedded.Select(m => m.Version));
    }

    [Fact]
    public async Task The_jobs_table_refuses_a_finished_job_without_a_finish_time()
    {
        await using var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync("checks"));
        var tenant = Guid.NewGuid();
        await using (var insertTenant = dataSource.CreateCommand("INSERT INTO tenants (id, name) VALUES ($1, 't')"))
        {
            insertTenant.Parameters.AddWithValue(tenant);
            await insertTenant.ExecuteNonQueryAsync();
        }

        await using var insert = dataSource.CreateCommand("""
            INSERT INTO jobs (id, tenant_id, status, created_at, started_at, text, characters, model, voice, format, speed, priority, chunks_total, pool)
            VALUES (gen_random_uuid(), $1, 'succeeded', now(), now(), 'x', 1, 'espeak', 'en-us', 'wav', 1, 'normal', 1, 'espeak')
            """);
        insert.Parameters.AddWithValue(tenant);

        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal("jobs_finished_iff_terminal", error.ConstraintName);
    }
}
