using Npgsql;

namespace AutoScale.Grains.Webhooks;

/// <summary>
/// All SQL on <c>webhook_deliveries</c>. The job grain schedules a job's delivery when the job ends (once per job);
/// the gateway's dispatcher claims due deliveries and records each attempt. It lives with the grains because the
/// Grains project cannot reach the Gateway, while the Gateway reaches both.
/// </summary>
public sealed class WebhookStore(NpgsqlDataSource dataSource)
{
    /// <summary>Queues the job's webhook for delivery, due at once; a job that already has one keeps it.</summary>
    public async Task ScheduleAsync(Guid jobId, string url, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO webhook_deliveries (job_id, url) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING");
        command.Parameters.AddWithValue(jobId);
        command.Parameters.AddWithValue(url);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries, oldest due first, with <c>FOR UPDATE SKIP LOCKED</c>: they
    /// stay locked, so no other gateway sends them, until the claim is committed or disposed.
    /// </summary>
    public async Task<WebhookClaim> ClaimDueAsync(int limit, CancellationToken cancellationToken = default)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            var due = new List<DueWebhook>();
            await using (var claim = new NpgsqlCommand("""
                SELECT d.id, d.job_id, d.url, d.attempts, t.webhook_secret
                FROM webhook_deliveries d JOIN jobs j ON j.id = d.job_id JOIN tenants t ON t.id = j.tenant_id
                WHERE d.delivered_at IS NULL AND d.gave_up_at IS NULL AND d.next_attempt_at <= now()
                ORDER BY d.next_attempt_at LIMIT $1
                FOR UPDATE OF d SKIP LOCKED
                """, connection, transaction))
            {
                claim.Parameters.AddWithValue(limit);
                await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    due.Add(new DueWebhook(reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4)));
                }
            }

            return new WebhookClaim(connection, transaction, due);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }
}
