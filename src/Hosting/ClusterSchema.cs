using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AutoScale.Hosting;

/// <summary>
/// Whether the cluster's tables are in the database yet. The schema is the gateway's to apply, so a worker started
/// before any gateway has run against its database waits here, saying so once, instead of failing inside Orleans'
/// membership with a stack trace.
/// </summary>
public static partial class ClusterSchema
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits until the membership and reminder tables exist, at most <paramref name="patience"/>; false (after one
    /// line saying what to do) when they never came. Call before the host starts the silo.
    /// </summary>
    public static async Task<bool> WaitForClusterSchemaAsync(this IHost host, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var time = host.Services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClusterSchema).FullName!);
        if (await ExistsAsync(dataSource, cancellationToken))
        {
            return true;
        }

        var database = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database ?? "(default)";
        LogWaiting(logger, database, (int)patience.TotalSeconds);
        var started = time.GetTimestamp();
        while (!await ExistsAsync(dataSource, cancellationToken))
        {
            if (time.GetElapsedTime(started) >= patience)
            {
                LogGaveUp(logger, database, (int)patience.TotalSeconds);
                return false;
            }

            await Task.Delay(Poll, time, cancellationToken);
        }

        LogArrived(logger, database, time.GetElapsedTime(started).TotalSeconds);
        return true;
    }

    /// <summary>Both tables a silo needs before it can join: Orleans' queries and its membership.</summary>
    public static async Task<bool> ExistsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT to_regclass('orleansquery') IS NOT NULL AND to_regclass('orleansmembershiptable') IS NOT NULL");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
