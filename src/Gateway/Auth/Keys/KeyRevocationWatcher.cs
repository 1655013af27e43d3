using Npgsql;
using NpgsqlTypes;

namespace AutoScale.Gateway.Auth.Keys;

/// <summary>
/// Once a second, on every gateway: drops from <see cref="TenantStore"/>'s cache the keys revoked (on any gateway) since
/// its last look, so a revoked key is refused everywhere within about a second, however long valid keys stay cached;
/// and writes the <c>last_used_at</c> of the keys <see cref="KeyUseRecorder"/> noted. Plain queries on the partial index
/// of <c>revoked_at</c>, so it works through a transaction pooler (no LISTEN/NOTIFY).
/// </summary>
public sealed partial class KeyRevocationWatcher(
    NpgsqlDataSource dataSource, TenantStore tenants, KeyUseRecorder uses, TimeProvider time, ILogger<KeyRevocationWatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // Each look reaches back this far before the previous one: a revocation whose transaction began before that look
    // but committed after it is still seen, and a lookup that raced a revocation into the cache is dropped again.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    private DateTimeOffset? _lastLook;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        do
        {
            try
            {
                await DropRevokedAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPollFailed(exception.GetType().Name, exception.Message);
            }

            try
            {
                await WriteUsesAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogUseWriteFailed(exception.GetType().Name, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task DropRevokedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT now(), coalesce((SELECT array_agg(key_hash) FROM api_keys
                                    WHERE revoked_at > coalesce($1, now()) - make_interval(secs => $2)), '{}')
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)_lastLook ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.AddWithValue(Overlap.TotalSeconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var now = reader.GetFieldValue<DateTimeOffset>(0);
        foreach (var hash in reader.GetFieldValue<byte[][]>(1))
        {
            tenants.Forget(hash);
        }

        _lastLook = now;
    }

    private async Task WriteUsesAsync(CancellationToken cancellationToken)
    {
        var used = uses.TakePending();
        if (used.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand("UPDATE api_keys SET last_used_at = now() WHERE key_hash = ANY($1)");
        command.Parameters.AddWithValue(used.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
