using System.Diagnostics;
using System.Globalization;
using AutoScale.Data;
using Npgsql;

namespace AutoScale.Testing;

/// <summary>
/// A private PgBouncer in transaction pooling mode in front of the test PostgreSQL server: its own folder (ini,
/// userlist, unix socket, log), a free loopback port, every database of the server reachable through it under its own
/// name. It authenticates clients and the server with the test server's user and password (SCRAM). PgBouncer refuses to
/// run as root, so as root it runs as the <c>postgres</c> system user, like the test server.
/// </summary>
public sealed class PgBouncerProcess : IAsyncDisposable
{
    /// <summary>Where the Debian package <c>pgbouncer</c> installs the program.</summary>
    public const string DefaultExecutable = "/usr/sbin/pgbouncer";

    private readonly Process _process;
    private readonly string _folder;
    private readonly NpgsqlConnectionStringBuilder _server;

    private PgBouncerProcess(Process process, string folder, NpgsqlConnectionStringBuilder server, int port, int poolSize)
    {
        _process = process;
        _folder = folder;
        _server = server;
        Port = port;
        PoolSize = poolSize;
    }

    /// <summary>The pgbouncer program to run, or null when it is not installed.</summary>
    public static string? Executable => InstalledProgram.Find("pgbouncer", DefaultExecutable);

    /// <summary>Why pgbouncer tests cannot run here, or null when they can.</summary>
    public static string? MissingReason =>
        Executable is null ? $"pgbouncer is not installed ({DefaultExecutable}; Debian package 'pgbouncer')." : null;

    /// <summary>The loopback port PgBouncer listens on.</summary>
    public int Port { get; }

    /// <summary>Server connections per database and user at most.</summary>
    public int PoolSize { get; }

    /// <summary>What PgBouncer wrote to its log so far.</summary>
    public string Log => ReadLog();

    /// <summary>
    /// Starts PgBouncer in front of the server of <paramref name="serverConnectionString"/> (a connection string with
    /// a host, a port, a user and a password) and waits until it accepts connections.
    /// </summary>
    public static async Task<PgBouncerProcess> StartAsync(string serverConnectionString, int poolSize = 5)
    {
        var executable = Executable ?? throw new InvalidOperationException(MissingReason);
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        var folder = Path.Combine(Path.GetTempPath(), "autoscale-test-pgbouncer", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = LocalPostgresCluster.FreeTcpPort();
        WriteConfiguration(folder, server, port, poolSize);

        var runAsPostgres = Environment.UserName == "root";
        if (runAsPostgres)
        {
            await RunAsync("chown", ["-R", "postgres", folder]);
        }

        var start = new ProcessStartInfo(runAsPostgres ? "runuser" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in (runAsPostgres ? ["-u", "postgres", "--", executable] : Array.Empty<string>()).Append(IniPath(folder)))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var bouncer = new PgBouncerProcess(process, folder, server, port, poolSize);
        try
        {
            await bouncer.WaitUntilAcceptingAsync();
        }
        catch
        {
            await bouncer.DisposeAsync();
            throw;
        }

        return bouncer;
    }

    /// <summary>A connection string to <paramref name="database"/> of the server, through PgBouncer.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(_server.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
        }.ConnectionString;

    /// <summary>
    /// The rows PgBouncer's admin console answers to <c>SHOW <paramref name="what"/></c> (POOLS, STATS, CLIENTS…), each
    /// as column name to value. Asked with psql: the console speaks only the simple query protocol, Npgsql the extended one.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ShowAsync(string what)
    {
        var result = await ExternalCommand.RunAsync(
            "psql",
            ["-X", "-A", "-F", "\t", "-P", "footer=off", "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture),
             "-U", _server.Username!, "-d", "pgbouncer", "-c", $"SHOW {what}"],
            TimeSpan.FromSeconds(30),
            environment: new Dictionary<string, string?> { ["PGPASSWORD"] = _server.Password, ["PGCONNECT_TIMEOUT"] = "10" });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql SHOW {what} on pgbouncer's console exited with {result.ExitCode}: {result.AllOutput}");
        }

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var columns = lines[0].Split('\t');
        return [.. lines.Skip(1).Select(line => (IReadOnlyDictionary<string, string>)columns
            .Zip(line.Split('\t'))
            .ToDictionary(pair => pair.First, pair => pair.Second))];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // As root, the process is runuser; PgBouncer itself is its child.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void WriteConfiguration(string folder, NpgsqlConnectionStringBuilder server, int port, int poolSize)
    {
        var user = server.Username ?? throw new InvalidOperationException("The server's connection string names no user.");
        var password = server.Password ?? throw new InvalidOperationException("The server's connection string has no password.");
        Directory.CreateDirectory(Path.Combine(folder, "socket"));
        // A plain-text password lets PgBouncer answer SCRAM both ways: to its clients and to the server.
        File.WriteAllText(Path.Combine(folder, "userlist.txt"), $"{Quote(user)} {Quote(password)}\n");
        File.WriteAllText(IniPath(folder), string.Create(CultureInfo.InvariantCulture, $"""
            [databases]
            * = host={server.Host} port={server.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir = {Path.Combine(folder, "socket")}
            logfile = {Path.Combine(folder, "pgbouncer.log")}
            pidfile = {Path.Combine(folder, "pgbouncer.pid")}
            auth_type = scram-sha-256
            auth_file = {Path.Combine(folder, "userlist.txt")}
            admin_users = {user}
            pool_mode = transaction
            default_pool_size = {poolSize}
            min_pool_size = 0
            reserve_pool_size = 0
            max_client_conn = 1000
            max_db_connections = {poolSize}
            server_login_retry = 1

            """));
    }

    private static string IniPath(string folder) => Path.Combine(folder, "pgbouncer.ini");

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task WaitUntilAcceptingAsync()
    {
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"pgbouncer exited with code {_process.ExitCode}.");
                }

                await using var connection = new NpgsqlConnection(
                    new NpgsqlConnectionStringBuilder(ConnectionStringFor(_server.Database ?? "postgres")) { Pooling = false }.ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                return (int)(await command.ExecuteScalarAsync())! == 1;
            }, TimeSpan.FromSeconds(20), "pgbouncer to accept connections");
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"pgbouncer did not start. Its log:\n{ReadLog()}", exception);
        }
    }

    private string ReadLog()
    {
        var path = Path.Combine(_folder, "pgbouncer.log");
        if (!File.Exists(path))
        {
            return "";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static async Task RunAsync(string executable, IReadOnlyList<string> arguments)
    {
        var result = await ExternalCommand.RunAsync(executable, arguments, TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.AllOutput}");
        }
    }
}
