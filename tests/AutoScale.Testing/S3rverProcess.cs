using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using AutoScale.Data;

namespace AutoScale.Testing;

/// <summary>
/// A real S3-API server for the tests: the <c>s3rver</c> package of <c>tests/js</c>, run by Node on a free loopback
/// port over a temporary folder, with the bucket <see cref="Bucket"/> made at start.
/// </summary>
public sealed partial class S3rverProcess : IAsyncDisposable
{
    public const string Bucket = "job-artifacts";

    // s3rver accepts these fixed credentials (and checks the signatures made with them).
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly string Packages = Path.Combine(RepositoryLayout.Root, "tests", "js");

    // s3rver removes a folder a delete left empty; deleting several keys of one folder in one DeleteObjects races on
    // that (ENOENT) and answers 500 while the other deletes go on. A folder already gone is as good as removed.
    private const string ServerScript = """
        const S3rver = require('s3rver');
        const FilesystemStore = require('s3rver/lib/stores/filesystem');
        const deleteObject = FilesystemStore.prototype.deleteObject;
        FilesystemStore.prototype.deleteObject = async function (...args) {
          try { await deleteObject.apply(this, args); } catch (error) { if (error.code !== 'ENOENT') throw error; }
        };
        const [directory, port, bucket] = process.argv.slice(1);
        new S3rver({ address: '127.0.0.1', port: Number(port), directory, configureBuckets: [{ name: bucket, configs: [] }] })
          .run().then(() => console.log('s3rver ready'), error => { console.error(error); process.exit(1); });
        """;

    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _log = new();

    private S3rverProcess(Process process, string directory, Uri endpoint)
    {
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>What the server printed, colours removed: a line per request it answered (the end of its path and query, then the status).</summary>
    public IReadOnlyList<string> Log => _log.ToArray();

    /// <summary>Why s3rver cannot run here, or null when it can.</summary>
    public static string? Unavailable =>
        FindNode() is null
            ? "node is not on PATH; the test command installs it for the tests that need an S3 server."
            : !File.Exists(Path.Combine(Packages, "node_modules", "s3rver", "package.json"))
                ? $"{Path.Combine(Packages, "node_modules")} has no s3rver package; run 'npm ci' in tests/js (the test command does)."
                : null;

    /// <summary>The settings that point the gateway or a worker at this server's bucket.</summary>
    public IReadOnlyDictionary<string, string> ArtifactSettings(string bucket = Bucket) => new Dictionary<string, string>
    {
        ["Artifacts__Store"] = "s3",
        ["Artifacts__S3__Endpoint"] = Endpoint.ToString(),
        ["Artifacts__S3__Bucket"] = bucket,
        ["Artifacts__S3__AccessKey"] = AccessKey,
        ["Artifacts__S3__SecretKey"] = SecretKey,
    };

    public static async Task<S3rverProcess> StartAsync()
    {
        var node = FindNode() ?? throw new InvalidOperationException(Unavailable);
        var directory = Directory.CreateTempSubdirectory("autoscale-s3rver-").FullName;
        var port = LocalPostgresCluster.FreeTcpPort();
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Packages,
        };
        // s3rver encrypts listing continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
        foreach (var argument in new[] { "--openssl-legacy-provider", "-e", ServerScript, directory, port.ToString(CultureInfo.InvariantCulture), Bucket })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var server = new S3rverProcess(process, directory, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"s3rver exited with code {process.ExitCode}: {string.Join('\n', server.Log)}");
                }

                // Any HTTP answer (an unsigned request is refused) once it said it is ready, its bucket made.
                return server.Log.Contains("s3rver ready") && (await http.GetAsync(server.Endpoint)).StatusCode > 0;
            }, TimeSpan.FromSeconds(30), "s3rver to answer HTTP");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(Colour().Replace(line, ""));
        }
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Colour();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string? FindNode() => InstalledProgram.Find("node");
}
