using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;

namespace AutoScale.Gateway.Auth.KeyRing;

/// <summary>
/// Makes the shared key ring's first key before the gateway serves, one gateway at a time. Left to itself, each of two
/// gateways starting on an empty database would find no key, make its own and sign its sessions with it, and the other
/// would not know that key until its key ring next refreshes. Under an advisory lock the second finds the first's key.
/// </summary>
public sealed partial class FirstKeyCreator(
    NpgsqlDataSource dataSource, IKeyManager keys, TimeProvider time, ILogger<FirstKeyCreator> logger) : IHostedService
{
    // Any constant distinct from the schema migrator's lock; "DPKEYS" in ASCII.
    private const long LockId = 0x44504B455953;

    // Data Protection's own default key lifetime.
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            command.Parameters.AddWithValue(LockId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now))
        {
            var key = keys.CreateNewKey(now, now + KeyLifetime);
            LogFirstKeyCreated(key.KeyId);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
