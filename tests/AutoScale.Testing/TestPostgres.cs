using AutoScale.Data;
using AutoScale.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AutoScale.Testing;

/// <summary>
/// The PostgreSQL server of a test run: the one named by <c>AUTOSCALE_TEST_POSTGRES</c> (a connection string with
/// rights to create databases), or else a private cluster this process starts under the temp folder with the
/// installed PostgreSQL binaries and reuses on later runs. Each test class takes a fresh, migrated database of its own.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "AUTOSCALE_TEST_POSTGRES";

    private static readonly Lazy<string> ServerConnectionString = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to the server's maintenance database.</summary>
    public static string Server => ServerConnectionString.Value;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string purpose)
    {
        var name = $"t_{Sanitize(purpose)}_{Guid.NewGuid().ToString("N")[..12]}";
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    /// <summary>Creates a database with the product's whole schema applied.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync(string purpose)
    {
        var connectionString = await CreateEmptyDatabaseAsync(purpose);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return connectionString;
    }

    private static string StartServer()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var root = Path.Combine(Path.GetTempPath(), "autoscale-test-postgres");
        // Concurrent test processes (one per test project) share the server; a file lock serialises its start.
        Directory.CreateDirectory(Path.GetTempPath());
        using var startLock = AcquireLock(Path.Combine(Path.GetTempPath(), "autoscale-test-postgres.lock"));
        return LocalPostgresCluster.StartOrReuse(root).ConnectionString;
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static string Sanitize(string purpose) =>
        new([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(24)]);
}
