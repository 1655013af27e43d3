using System.Threading.Channels;
using Npgsql;

namespace AutoScale.Data;

/// <summary>
/// Group commit for the control silo's small writes (new jobs, job transitions, finished chunks): statements that
/// arrive while a commit is in flight are sent together as one batch in one transaction, so many grains share one
/// round trip and one WAL flush. Each caller still waits for the commit that holds its statement. A batch PostgreSQL
/// refuses (a bad row, a deadlock between two batches) is retried one statement at a time, so one failure stays alone.
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>Statements per transaction at most: large enough to absorb a burst, small enough to keep commits short.</summary>
    public const int MaxBatch = 128;

    // Two writers: while one batch is committing, the next one gathers and is sent without waiting for it.
    private const int Writers = 2;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<PendingStatement> _pending = Channel.CreateUnbounded<PendingStatement>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _writers;

    public GroupCommit(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _writers = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>Runs the statement <paramref name="createCommand"/> makes in the next group commit and returns the rows it affected.</summary>
    public Task<int> ExecuteAsync(Func<NpgsqlBatchCommand> createCommand)
    {
        var pending = new PendingStatement(createCommand);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit));
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteAsync()
    {
        var batch = new List<PendingStatement>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<PendingStatement> batch)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            // One Sync for the whole batch: PostgreSQL runs it as one implicit transaction with a single commit.
            await using var npgsqlBatch = new NpgsqlBatch(connection);
            var commands = batch.Select(pending => pending.CreateCommand()).ToList();
            foreach (var command in commands)
            {
                npgsqlBatch.BatchCommands.Add(command);
            }

            await npgsqlBatch.ExecuteNonQueryAsync();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(commands[i].RecordsAffected);
            }
        }
        catch (PostgresException) when (batch.Count > 1)
        {
            // The server refused one statement and rolled the batch back: find the culprit by committing alone.
            foreach (var pending in batch)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception exception)
        {
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(exception);
            }
        }
    }

    private sealed class PendingStatement(Func<NpgsqlBatchCommand> createCommand)
    {
        public Func<NpgsqlBatchCommand> CreateCommand { get; } = createCommand;

        public TaskCompletionSource<int> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
