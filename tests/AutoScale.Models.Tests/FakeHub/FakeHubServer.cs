using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoScale.Models.Tests.FakeHub;

/// <summary>
/// The Hugging Face hub's <c>resolve</c> URLs as huggingface_hub meets them, on two real loopback Kestrel servers: the
/// hub on 127.0.0.1 answers HEAD and GET with <c>X-Repo-Commit</c>, a 200 with the git blob id as a weak
/// <c>ETag</c> for files in git, a 302 to the CDN with <c>X-Linked-Etag</c> (SHA-256) and <c>X-Linked-Size</c> for
/// LFS files, and errors with <c>X-Error-Code</c>/<c>X-Error-Message</c> (401 GatedRepo without the token it
/// requires, 404 EntryNotFound, RevisionNotFound, RepoNotFound, a relative 307 for a renamed repository). The CDN, a
/// second server reached as <c>localhost</c> (another host and port, so a forwarded token would show), serves LFS
/// bytes with <c>Range</c> (206 + Content-Range). Tests script faults per file: a connection cut after N bytes, bytes
/// corrupted once or always, ranges ignored. Every request is recorded.
/// </summary>
internal sealed class FakeHubServer : IAsyncDisposable
{
    public const string Hub = "hub";
    public const string Cdn = "cdn";

    private readonly ConcurrentDictionary<string, FakeHubFile> _files = new();
    private readonly ConcurrentQueue<HubRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int AfterBytes, Task Before)>> _cuts = new();
    private readonly ConcurrentDictionary<string, int> _corruptions = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _failures = new();
    private readonly ConcurrentDictionary<string, int> _stalls = new();
    private readonly List<WebApplication> _apps = [];

    private FakeHubServer(string repository, string revision, IEnumerable<FakeHubFile> files)
    {
        Repository = repository;
        Revision = revision;
        foreach (var file in files)
        {
            _files[file.Path] = file;
        }
    }

    public string Repository { get; }

    public string Revision { get; }

    public Uri Endpoint { get; private set; } = null!;

    public int CdnPort { get; private set; }

    /// <summary>When set, the repository is gated: requests without <c>Bearer</c> and this token get 401 GatedRepo.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>When set, requests for this repository get a relative 307 to <see cref="Repository"/>, as after a rename.</summary>
    public string? RenamedFrom { get; set; }

    /// <summary>The commit <c>X-Repo-Commit</c> names; the revision asked for unless a test says otherwise.</summary>
    public string? AnsweredCommit { get; set; }

    /// <summary>The CDN answers every GET with the whole file (200), whatever Range asks.</summary>
    public bool IgnoreRanges { get; set; }

    public IReadOnlyList<HubRequest> Requests => [.. _requests];

    public static async Task<FakeHubServer> StartAsync(string repository, string revision, IEnumerable<FakeHubFile> files)
    {
        var server = new FakeHubServer(repository, revision, files);
        server.Endpoint = new Uri($"http://127.0.0.1:{await server.ListenAsync(server.AnswerHubAsync)}");
        server.CdnPort = await server.ListenAsync(server.AnswerCdnAsync);
        return server;
    }

    public FakeHubFile File(string path) => _files[path];

    /// <summary>The next GET of <paramref name="path"/> sends <paramref name="afterBytes"/> bytes, waits for <paramref name="before"/>, then drops the connection.</summary>
    public void CutNextDownload(string path, int afterBytes, Task before) =>
        _cuts.GetOrAdd(path, _ => new ConcurrentQueue<(int, Task)>()).Enqueue((afterBytes, before));

    /// <summary>The next GET of <paramref name="path"/> sends <paramref name="afterBytes"/> bytes, then nothing until the client hangs up.</summary>
    public void StallNextDownload(string path, int afterBytes) => _stalls[path] = afterBytes;

    /// <summary>The next <paramref name="times"/> GETs of <paramref name="path"/> serve it with one byte flipped.</summary>
    public void CorruptDownloads(string path, int times = 1) => _corruptions[path] = times;

    /// <summary>The next GET of <paramref name="path"/> is answered with <paramref name="status"/> and no body.</summary>
    public void FailNextDownload(string path, int status) =>
        _failures.GetOrAdd(path, _ => new ConcurrentQueue<int>()).Enqueue(status);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    private async Task<int> ListenAsync(RequestDelegate answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(answer);
        await app.StartAsync();
        _apps.Add(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
    }

    private async Task AnswerHubAsync(HttpContext context)
    {
        Record(Hub, context);
        var request = context.Request;
        var response = context.Response;
        // /{owner}/{name}/resolve/{revision}/{path...}
        var parts = request.Path.Value!.TrimStart('/').Split('/', 5);
        if (parts.Length < 5 || parts[2] != "resolve")
        {
            response.StatusCode = 404;
            return;
        }

        var repository = $"{parts[0]}/{parts[1]}";
        var (revision, path) = (Uri.UnescapeDataString(parts[3]), Uri.UnescapeDataString(parts[4]));
        if (repository == RenamedFrom)
        {
            response.StatusCode = 307;
            response.Headers.Location = $"/{Repository}/resolve/{parts[3]}/{parts[4]}";
            return;
        }

        if (RequiredToken is not null && request.Headers.Authorization != $"Bearer {RequiredToken}")
        {
            Error(response, 401, "GatedRepo", $"Access to model {Repository} is restricted. You must have access to it and be authenticated to access it. Please log in.");
            return;
        }

        if (repository != Repository)
        {
            Error(response, 404, "RepoNotFound", "Repository not found");
            return;
        }

        if (revision != Revision)
        {
            Error(response, 404, "RevisionNotFound", $"Invalid rev id: {revision}");
            return;
        }

        if (!_files.TryGetValue(path, out var file))
        {
            Error(response, 404, "EntryNotFound", $"{path} does not exist on \"{revision}\"");
            return;
        }

        response.Headers["X-Repo-Commit"] = AnsweredCommit ?? Revision;
        if (file.IsLfs)
        {
            response.StatusCode = 302;
            response.Headers.Location = $"http://localhost:{CdnPort}/repos/{file.Sha256}?X-Amz-Signature=fake&path={Uri.EscapeDataString(path)}";
            response.Headers.ETag = $"\"{file.Sha256}\"";
            response.Headers["X-Linked-Etag"] = $"\"{file.Sha256}\"";
            response.Headers["X-Linked-Size"] = file.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        response.Headers.ETag = $"W/\"{file.GitBlobSha1}\"";
        await ServeAsync(context, file);
    }

    private async Task AnswerCdnAsync(HttpContext context)
    {
        Record(Cdn, context);
        var sha256 = context.Request.Path.Value!.Split('/').Last();
        if (_files.Values.FirstOrDefault(candidate => candidate.IsLfs && candidate.Sha256 == sha256) is not { } file)
        {
            context.Response.StatusCode = 404;
            return;
        }

        await ServeAsync(context, file);
    }

    private async Task ServeAsync(HttpContext context, FakeHubFile file)
    {
        var (request, response) = (context.Request, context.Response);
        if (HttpMethods.IsGet(request.Method) && _failures.TryGetValue(file.Path, out var failures) && failures.TryDequeue(out var status))
        {
            response.StatusCode = status;
            return;
        }

        var content = file.Content;
        var start = 0;
        if (!IgnoreRanges && request.Headers.Range.ToString() is { Length: > 0 } range)
        {
            start = int.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
            if (start >= content.Length)
            {
                response.StatusCode = 416;
                response.Headers.ContentRange = $"bytes */{content.Length}";
                return;
            }

            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }

        response.ContentLength = content.Length - start;
        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }

        if (_corruptions.TryGetValue(file.Path, out var left) && left > 0)
        {
            _corruptions[file.Path] = left - 1;
            content = [.. content];
            content[^1] ^= 0xFF;
        }

        if (_stalls.TryRemove(file.Path, out var stallAfter))
        {
            await response.Body.WriteAsync(content.AsMemory(start, stallAfter - start));
            await response.Body.FlushAsync();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up on the silence, as it should.
            }

            return;
        }

        if (_cuts.TryGetValue(file.Path, out var cuts) && cuts.TryDequeue(out var cut))
        {
            await response.Body.WriteAsync(content.AsMemory(start, cut.AfterBytes - start));
            await response.Body.FlushAsync();
            await cut.Before.WaitAsync(TimeSpan.FromSeconds(30));
            context.Abort();
            return;
        }

        await response.Body.WriteAsync(content.AsMemory(start));
    }

    private static void Error(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        response.Headers["X-Error-Code"] = code;
        response.Headers["X-Error-Message"] = message;
    }

    private void Record(string server, HttpContext context) =>
        _requests.Enqueue(new HubRequest(
            server,
            context.Request.Method,
            context.Request.Host.Value ?? "",
            context.Request.Path.Value ?? "",
            context.Request.Headers.Range.ToString() is { Length: > 0 } range ? range : null,
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : null));
}
