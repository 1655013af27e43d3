using AutoScale.Data;
using AutoScale.Migrations;
using AutoScale.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AutoScale.Gateway.Tests.Pooling;

/// <summary>Migrations through a transaction-mode pooler, where consecutive transactions of one client may run in different server sessions.</summary>
public sealed class SchemaMigrationThroughPoolerTests
{
    [PgBouncerFact]
    public async Task Concurrent_starters_through_the_pooler_apply_each_migration_once_and_leave_no_lock_held()
    {
        var direct = await TestPostgres.CreateEmptyDatabaseAsync("poolmigrate");
        await using var bouncer = await PgBouncerProcess.StartAsync(TestPostgres.Server, poolSize: 2);
        var pooled = PostgresConnectionString.ForTransactionPooler(
            bouncer.ConnectionStringFor(new NpgsqlConnectionStringBuilder(direct).Database!));
        await using var pooledSource = NpgsqlDataSource.Create(pooled);

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Task.Run(() => new SchemaMigrator(pooledSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync())));
        var again = await new SchemaMigrator(pooledSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync()
            .WaitAsync(TimeSpan.FromSeconds(30));

        await using var directSource = NpgsqlDataSource.Create(direct);
        await using var recorded = directSource.CreateCommand("SELECT count(*)::int FROM schema_migrations");
        // A lock left behind would be held by one of the pooler's server sessions, blocking every later starter.
        await using var advisoryLocks = directSource.CreateCommand("""
            SELECT count(*)::int FROM pg_locks l JOIN pg_database d ON d.oid = l.database
            WHERE l.locktype = 'advisory' AND d.datname = current_database()
            """);
        Assert.Equal(SchemaMigrator.Embedded.Count, runs.Sum(applied => applied.Count));
        Assert.Empty(again);
        Assert.Equal(SchemaMigrator.Embedded.Count, (int)(await recorded.ExecuteScalarAsync())!);
        Assert.Equal(0, (int)(await advisoryLocks.ExecuteScalarAsync())!);
    }
}
