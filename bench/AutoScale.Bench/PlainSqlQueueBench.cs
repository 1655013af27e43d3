using System.Diagnostics;
using Npgsql;

namespace AutoScale.Bench;

/// <summary>
/// The physical limit of a durable queue on this database: one committed INSERT per job, workers that claim one row
/// with <c>FOR UPDATE SKIP LOCKED</c> and mark it done in the same committed transaction (synchronous_commit on).
/// </summary>
public static class PlainSqlQueueBench
{
    public static async Task<(int Jobs, TimeSpan Elapsed)> RunAsync(string database, int jobs, int producers, int workers)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using (var create = dataSource.CreateCommand("""
            DROP TABLE IF EXISTS plain_queue;
            CREATE TABLE plain_queue (
              id         bigserial   PRIMARY KEY,
              payload    text        NOT NULL,
              state      text        NOT NULL DEFAULT 'queued',
              created_at timestamptz NOT NULL DEFAULT now(),
              done_at    timestamptz);
            CREATE INDEX plain_queue_queued ON plain_queue (id) WHERE state = 'queued';
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        var done = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var produce = Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < jobs)
            {
                await using var insert = dataSource.CreateCommand("INSERT INTO plain_queue (payload) VALUES ($1)");
                insert.Parameters.Add(new NpgsqlParameter { Value = $"Job {index}." });
                await insert.ExecuteNonQueryAsync();
            }
        }));
        var consume = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Volatile.Read(ref done) < jobs)
            {
                if (await ClaimAndFinishOneAsync(dataSource))
                {
                    Interlocked.Increment(ref done);
                }
                else
                {
                    await Task.Delay(1);
                }
            }
        }));
        await Task.WhenAll(produce.Concat(consume));
        return (jobs, clock.Elapsed);
    }

    private static async Task<bool> ClaimAndFinishOneAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var claim = new NpgsqlCommand(
            "SELECT id FROM plain_queue WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", connection, transaction);
        if (await claim.ExecuteScalarAsync() is not long id)
        {
            await transaction.RollbackAsync();
            return false;
        }

        await using var finish = new NpgsqlCommand("UPDATE plain_queue SET state = 'done', done_at = now() WHERE id = $1", connection, transaction);
        finish.Parameters.Add(new NpgsqlParameter { Value = id });
        await finish.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return true;
    }
}
