using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AutoScale.Data;

/// <summary>The connection string every database client of a process uses: the configured one, fitted to the pooler in front.</summary>
public static class PostgresConnectionString
{
    /// <summary>
    /// <c>ConnectionStrings:Postgres</c> as given, or, behind a transaction-mode pooler (<c>Database:Pooler=Transaction</c>),
    /// with what Npgsql needs there: no <c>DISCARD ALL</c> when a connection goes back to Npgsql's own pool (it would
    /// run on whichever server connection the pooler lends next) and no automatically prepared statements (they live in
    /// one server session, and the next transaction may run in another).
    /// </summary>
    public static string Resolve(IConfiguration configuration)
    {
        var configured = DatabaseServiceCollectionExtensions.RequireConnectionString(configuration);
        var options = StartupOptions.Bind<DatabaseOptions>(configuration, DatabaseOptions.SectionName);
        return options.Pooler == DatabasePooler.Transaction ? ForTransactionPooler(configured) : configured;
    }

    /// <summary><paramref name="connectionString"/> with the settings a transaction-mode pooler requires.</summary>
    public static string ForTransactionPooler(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 0,
        }.ConnectionString;
}
