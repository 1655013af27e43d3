using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace AutoScale.Bench;

/// <summary>pgbench with a custom script of one single-row INSERT per transaction: the database's durable write rate.</summary>
public static partial class PgbenchInsertRate
{
    public static async Task<double> RunAsync(string database, int clients, int seconds)
    {
        await using (var dataSource = NpgsqlDataSource.Create(database))
        await using (var create = dataSource.CreateCommand("""
            DROP TABLE IF EXISTS pgbench_single_insert;
            CREATE TABLE pgbench_single_insert (id bigserial PRIMARY KEY, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        var script = Path.Combine(Path.GetTempPath(), $"pgbench-insert-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, "INSERT INTO pgbench_single_insert (payload) VALUES ('Benchmark sentence. It is short, like most interactive requests.');\n");
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(database);
            var start = new ProcessStartInfo(FindPgbench())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["PGPASSWORD"] = connection.Password },
            };
            foreach (var argument in new[]
            {
                "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!,
                "-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
                "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", script, connection.Database!,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var tps = Tps().Match(await output);
            return tps.Success
                ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"pgbench printed no tps: {await output}{await errors}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>pgbench from the PostgreSQL binaries (newest installed version), or from the PATH.</summary>
    private static string FindPgbench() =>
        (Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", "pgbench")).Where(File.Exists).OrderDescending().FirstOrDefault()
            : null) ?? "pgbench";

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
