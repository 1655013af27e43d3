using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace AutoScale.Data;

/// <summary>
/// A private PostgreSQL cluster in a folder of its own, made with the installed server's <c>initdb</c> and run with
/// <c>pg_ctl</c>: the embedded default of the gateway and the database of the tests. Its port and password are kept in
/// the folder, so a second start reuses the same cluster (and a server left running by a killed process).
/// Running as root, the server runs as the <c>postgres</c> system user, since PostgreSQL refuses root.
/// </summary>
public sealed class LocalPostgresCluster
{
    private const string User = "autoscale";
    private readonly string _root;
    private readonly string _binDirectory;

    private LocalPostgresCluster(string root, string binDirectory, int port, string password)
    {
        _root = root;
        _binDirectory = binDirectory;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = User,
            Password = password,
            Database = "postgres",
        }.ConnectionString;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string to the cluster's <c>postgres</c> database as its owner.</summary>
    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>
    /// Creates the cluster under <paramref name="root"/> if it is not there, and starts it if it is not running. With
    /// <paramref name="network"/> it also listens on that address and lets clients of that network in (password required),
    /// for processes on other hosts; otherwise it is reachable on loopback only.
    /// </summary>
    public static LocalPostgresCluster StartOrReuse(string root, LocalPostgresNetwork? network = null)
    {
        root = Path.GetFullPath(root);
        var binDirectory = FindBinDirectory();
        Directory.CreateDirectory(root);
        var passwordFile = Path.Combine(root, "password");
        var portFile = Path.Combine(root, "port");
        var runAsPostgres = Environment.UserName == "root";

        if (!File.Exists(Path.Combine(root, "data", "PG_VERSION")))
        {
            if (Directory.Exists(Path.Combine(root, "data")))
            {
                Directory.Delete(Path.Combine(root, "data"), recursive: true);
            }

            File.WriteAllText(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)));
            if (runAsPostgres)
            {
                Run("chown", ["-R", "postgres", root]);
            }

            Run(Path.Combine(binDirectory, "initdb"),
                ["-D", Path.Combine(root, "data"), "-U", User, "--pwfile", passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale"],
                runAsPostgres);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var cluster = new LocalPostgresCluster(
            root, binDirectory, ReadOrChoosePort(portFile), File.ReadAllText(passwordFile).Trim());
        if (network is not null)
        {
            var rule = $"host all all {network.ClientNetwork} scram-sha-256";
            var hba = Path.Combine(root, "data", "pg_hba.conf");
            if (!File.ReadAllLines(hba).Contains(rule))
            {
                File.AppendAllLines(hba, [rule]);
            }
        }

        cluster.StartIfStopped(runAsPostgres, network?.ListenAddress);
        return cluster;
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended, committed work is kept).</summary>
    public void Stop()
    {
        if (IsRunning())
        {
            Run(Path.Combine(_binDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w"], Environment.UserName == "root");
        }
    }

    /// <summary>Creates a database (if absent) and returns a connection string to it.</summary>
    public string CreateDatabase(string name)
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(name);
            if (exists.ExecuteScalar() is null)
            {
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                create.ExecuteNonQuery();
            }
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    private void StartIfStopped(bool runAsPostgres, string? alsoListenOn)
    {
        if (IsRunning())
        {
            return;
        }

        var listen = alsoListenOn is null ? "127.0.0.1" : $"127.0.0.1,{alsoListenOn}";
        var options = $"-p {Port} -c listen_addresses={listen} -k {_root} -c max_connections=300 -c fsync=on";
        Run(Path.Combine(_binDirectory, "pg_ctl"),
            ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(_root, "server.log"), "-o", options],
            runAsPostgres);
    }

    private bool IsRunning() =>
        Run(Path.Combine(_binDirectory, "pg_ctl"), ["status", "-D", DataDirectory], Environment.UserName == "root", throwOnError: false) == 0;

    private static int ReadOrChoosePort(string portFile)
    {
        if (File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile).Trim(), out var kept))
        {
            return kept;
        }

        var port = FreeTcpPort();
        File.WriteAllText(portFile, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return port;
    }

    /// <summary>A TCP port on loopback that nothing listens on right now.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("AUTOSCALE_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries found under /usr/lib/postgresql/*/bin. Install them " +
            "(apt-get install postgresql-15) or set ConnectionStrings:Postgres to an existing database.");
    }

    private static int Run(string fileName, IReadOnlyList<string> arguments, bool runAsPostgres = false, bool throwOnError = true)
    {
        var start = new ProcessStartInfo(runAsPostgres ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (runAsPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", fileName })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }

        return process.ExitCode;
    }
}
