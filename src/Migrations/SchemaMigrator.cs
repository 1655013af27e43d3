using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoScale.Migrations;

/// <summary>
/// Applies the embedded, numbered SQL migrations (<c>Database/Migrations/NNNN_name.sql</c>) once each, in order,
/// each in its own transaction. Each of those transactions first takes a transaction-scoped advisory lock and then
/// reads which migrations are applied, so concurrent starters (two gateways, a gateway and a worker) never apply the
/// schema twice or half. The lock is transaction-scoped rather than held for the session because a transaction-mode
/// pooler (PgBouncer, Supavisor) may run each transaction on a different server session: a session lock would be taken
/// in one and released (or not) in another, left held by a pooled server connection nobody owns.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // An arbitrary constant shared by every process of the product: "AutoScal" in ASCII.
    private const long AdvisoryLockKey = 0x4175746F5363616C;
    private const string ResourcePrefix = "Migrations.";

    /// <summary>The migrations shipped in this build, ordered by their number.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>Applies every embedded migration the database does not have yet; returns the names applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var newlyApplied = new List<string>();
        while (await ApplyNextAsync(connection, cancellationToken) is { } migration)
        {
            LogApplied(migration.Version, migration.Name);
            newlyApplied.Add(migration.Name);
        }

        return newlyApplied;
    }

    /// <summary>In one locked transaction, applies the first migration the database lacks; null when it lacks none.</summary>
    private static async Task<Migration?> ApplyNextAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
              version    integer     PRIMARY KEY,
              name       text        NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var next = Embedded.FirstOrDefault(m => !applied.Contains(m.Version));
        if (next is not null)
        {
            await ExecuteAsync(connection, transaction, next.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", connection, transaction);
            record.Parameters.AddWithValue(next.Version);
            record.Parameters.AddWithValue(next.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource[ResourcePrefix.Length..]);
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(name.AsSpan(0, separator), out var version))
            {
                throw new InvalidOperationException($"Migration '{name}' must be named NNNN_description.sql.");
            }

            migrations.Add(new Migration(version, name, ReadResource(assembly, resource)));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share the number {duplicate.Key}.");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} ({Name})")]
    private partial void LogApplied(int version, string name);
}
