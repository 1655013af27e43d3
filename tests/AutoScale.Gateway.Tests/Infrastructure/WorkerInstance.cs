using System.Globalization;
using AutoScale.Data;
using AutoScale.Testing;
using AutoScale.Testing.Network;
using Npgsql;

namespace AutoScale.Gateway.Tests.Infrastructure;

/// <summary>A real worker silo process, pulling from one pool.</summary>
public static class WorkerInstance
{
    public static async Task<ServiceProcess> StartAsync(
        string connectionString, string artifactsPath, string name, IReadOnlyDictionary<string, string>? settings = null,
        bool keepTranscript = false, NetworkHost? host = null)
    {
        var (worker, siloPort) = Launch(connectionString, artifactsPath, name, settings, keepTranscript, host);
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (worker.HasExited)
                {
                    throw new InvalidOperationException($"Worker {name} exited with code {worker.ExitCode}.");
                }

                await using var dataSource = NpgsqlDataSource.Create(connectionString);
                await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE port = $1 AND status = 3");
                command.Parameters.AddWithValue(siloPort);
                return (long)(await command.ExecuteScalarAsync())! == 1;
            }, TimeSpan.FromSeconds(90), $"worker {name} to be Active in the membership table");
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"Worker {name} did not join. Its output:\n{worker.RecentOutput}", exception);
        }

        return worker;
    }

    /// <summary>
    /// Starts the worker process without waiting for it to join (for workers expected to stop by themselves). In
    /// <paramref name="host"/> (a network lab's) its silo advertises the host's address, else 127.0.0.1.
    /// </summary>
    public static (ServiceProcess Worker, int SiloPort) Launch(
        string connectionString, string artifactsPath, string name, IReadOnlyDictionary<string, string>? settings = null,
        bool keepTranscript = false, NetworkHost? host = null)
    {
        var siloPort = LocalPostgresCluster.FreeTcpPort();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Artifacts__Path"] = artifactsPath,
            ["Worker__Pool"] = "espeak",
            ["Worker__PricePerHourUsd"] = "0.36",
        };
        if (host is not null)
        {
            environment["Orleans__AdvertisedAddress"] = host.Address.ToString();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return (host?.Start("Silo", environment, name, keepTranscript) ?? ServiceProcess.Start("Silo", environment, name, keepTranscript), siloPort);
    }
}
