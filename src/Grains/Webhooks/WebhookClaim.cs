using Npgsql;
using NpgsqlTypes;

namespace AutoScale.Grains.Webhooks;

/// <summary>
/// Deliveries claimed by <see cref="WebhookStore.ClaimDueAsync"/>, locked in their own transaction until
/// <see cref="CommitAsync"/> (disposing without it hands them back untouched).
/// </summary>
public sealed class WebhookClaim(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DueWebhook> deliveries) : IAsyncDisposable
{
    public IReadOnlyList<DueWebhook> Deliveries => deliveries;

    /// <summary>
    /// Records an attempt: delivered when <paramref name="error"/> is null; otherwise due again after
    /// <paramref name="nextDelay"/>, or given up once <paramref name="attempts"/> reaches <paramref name="maxAttempts"/>.
    /// </summary>
    public async Task RecordAttemptAsync(
        DueWebhook delivery, int attempts, string? error, int maxAttempts, TimeSpan nextDelay, CancellationToken cancellationToken = default)
    {
        await using var record = new NpgsqlCommand("""
            UPDATE webhook_deliveries SET attempts = $2, last_error = $3,
              delivered_at = CASE WHEN $3 IS NULL THEN now() END,
              gave_up_at = CASE WHEN $3 IS NOT NULL AND $2 >= $4 THEN now() END,
              next_attempt_at = now() + make_interval(secs => $5)
            WHERE id = $1
            """, connection, transaction);
        record.Parameters.AddWithValue(delivery.Id);
        record.Parameters.AddWithValue(attempts);
        record.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        record.Parameters.AddWithValue(maxAttempts);
        record.Parameters.AddWithValue(nextDelay.TotalSeconds);
        await record.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes the recorded attempts and releases the claim.</summary>
    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
