using AutoScale.Data;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Grains.Tests.Database;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task Concurrent_inserts_share_transactions_and_all_commit()
    {
        await using var dataSource = await CreateTableAsync();
        await using var groupCommit = new GroupCommit(dataSource);

        var inserts = Enumerable.Range(0, 400).Select(n => groupCommit.ExecuteAsync(() => Insert(n))).ToList();
        var affected = await Task.WhenAll(inserts);

        Assert.All(affected, rows => Assert.Equal(1, rows));
        var (rows, transactions) = await CountAsync(dataSource);
        Assert.Equal(400, rows);
        // Each row records the transaction that wrote it: 400 rows in far fewer commits is the group commit at work.
        Assert.InRange(transactions, 1, 400 / 4);
    }

    [Fact]
    public async Task A_statement_the_server_refuses_fails_alone_and_the_rest_of_its_batch_commits()
    {
        await using var dataSource = await CreateTableAsync();
        await using var groupCommit = new GroupCommit(dataSource);

        var inserts = Enumerable.Range(0, 50).Select(n => groupCommit.ExecuteAsync(() => Insert(n == 25 ? -1 : n))).ToList();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => inserts[25]);
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.All(inserts.Where((_, i) => i != 25), insert => Assert.Equal(1, insert.Result));
        Assert.Equal(49, (await CountAsync(dataSource)).Rows);
    }

    [Fact]
    public async Task An_insert_that_conflicts_reports_no_rows_without_failing_others()
    {
        await using var dataSource = await CreateTableAsync();
        await using var groupCommit = new GroupCommit(dataSource);

        var affected = await Task.WhenAll(Enumerable.Range(0, 20).Select(n => groupCommit.ExecuteAsync(() => Insert(n % 10))));

        Assert.Equal(10, affected.Count(rows => rows == 1));
        Assert.Equal(10, affected.Count(rows => rows == 0));
    }

    private static NpgsqlBatchCommand Insert(int n)
    {
        var command = new NpgsqlBatchCommand("INSERT INTO grouped (n) VALUES ($1) ON CONFLICT (n) DO NOTHING");
        command.Parameters.AddWithValue(n);
        return command;
    }

    private static async Task<NpgsqlDataSource> CreateTableAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateEmptyDatabaseAsync("groupcommit"));
        await using var create = dataSource.CreateCommand(
            "CREATE TABLE grouped (n integer PRIMARY KEY CHECK (n >= 0), xid bigint NOT NULL DEFAULT txid_current())");
        await create.ExecuteNonQueryAsync();
        return dataSource;
    }

    private static async Task<(long Rows, long Transactions)> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var count = dataSource.CreateCommand("SELECT count(*), count(DISTINCT xid) FROM grouped");
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
