using AutoScale.Models.HuggingFace;
using AutoScale.Models.Records;
using AutoScale.Models.Tests.FakeHub;

namespace AutoScale.Models.Tests.Downloading;

public sealed class ModelDownloaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly HttpClient _http = HubClient.CreateHttpClient();
    private readonly RecordingProgress _progress = new();

    [Fact]
    public async Task A_fresh_download_lands_every_file_verified_under_its_final_name()
    {
        await using var hub = await TinyModel.StartHubAsync();

        var summary = await RunAsync(hub);

        Assert.True(summary.Succeeded, summary.Line);
        Assert.Equal((3, 0), (summary.Downloaded, summary.AlreadyThere));
        Assert.Equal(TinyModel.Files.Sum(file => (long)file.Content.Length), summary.BytesReceived);
        AssertInPlace(hub, TinyModel.Files.Select(file => file.Path));
        Assert.Empty(Directory.EnumerateFiles(_folder.Path, "*.incomplete", SearchOption.AllDirectories));
        Assert.True(File.Exists(TinyModel.PathOf(_folder, DownloadRecord.FileName)));
        Assert.StartsWith($"All 3 files are in place in {Path.Combine(_folder.Path, "tiny")}: 3 downloaded (305.7 kB in ", summary.Line);
        Assert.Equal(["hub HEAD", "hub GET", "hub HEAD", "cdn GET", "hub HEAD", "cdn GET"],
            hub.Requests.Select(request => $"{request.Server} {request.Method}"));
    }

    [Fact]
    public async Task A_cut_connection_resumes_with_a_range_request()
    {
        await using var hub = await TinyModel.StartHubAsync();
        hub.CutNextDownload(TinyModel.Weights, 120_000, _progress.HasOnDisk(TinyModel.Weights, 120_000));

        var summary = await RunAsync(hub);

        Assert.True(summary.Succeeded, summary.Line);
        Assert.Equal([null, "bytes=120000-"], Gets(hub, TinyModel.Weights).Select(request => request.Range));
        AssertInPlace(hub, [TinyModel.Weights]);
        Assert.Contains(_progress.Lines, line =>
            line.StartsWith("weights.pth: the connection broke after 120.0 kB (", StringComparison.Ordinal)
            && line.EndsWith("; resuming from 120.0 kB in 0 s", StringComparison.Ordinal));
        Assert.Equal(TinyModel.Files.Sum(file => (long)file.Content.Length), summary.BytesReceived);
    }

    [Fact]
    public async Task A_stalled_download_counts_as_cut_and_resumes_from_the_bytes_on_disk()
    {
        await using var hub = await TinyModel.StartHubAsync();
        hub.StallNextDownload(TinyModel.Weights, 50_000);
        var options = new ModelDownloadOptions { ModelsPath = _folder.Path, RetryDelay = TimeSpan.Zero, StallTimeout = TimeSpan.FromSeconds(1) };
        var downloader = new ModelDownloader(TinyModel.Manifest, new HubSettings(hub.Endpoint.AbsoluteUri), options, _http, _progress, TimeProvider.System);

        var summary = await downloader.RunAsync();

        Assert.True(summary.Succeeded, summary.Line);
        Assert.Equal([null, "bytes=50000-"], Gets(hub, TinyModel.Weights).Select(request => request.Range));
        Assert.Contains("weights.pth: no data for 1 s; resuming from 50.0 kB in 0 s", _progress.Lines);
        AssertInPlace(hub, [TinyModel.Weights]);
    }

    [Fact]
    public async Task A_server_error_is_retried()
    {
        await using var hub = await TinyModel.StartHubAsync();
        hub.FailNextDownload(TinyModel.Voice, 503);

        var summary = await RunAsync(hub);

        Assert.True(summary.Succeeded, summary.Line);
        Assert.Equal(2, Gets(hub, TinyModel.Voice).Count);
        Assert.Contains("voices/af_test.pt: the server answered 503 Service Unavailable; resuming from 0 B in 0 s", _progress.Lines);
    }

    [Fact]
    public async Task A_download_that_fails_on_every_retry_is_given_up_with_its_reason()
    {
        await using var hub = await TinyModel.StartHubAsync();
        foreach (var _ in Enumerable.Range(0, 5))
        {
            hub.FailNextDownload(TinyModel.Voice, 502);
        }

        var summary = await RunAsync(hub);

        Assert.Equal(["voices/af_test.pt: the download failed 5 times in a row (the server answered 502 Bad Gateway)"], summary.Failures);
        Assert.False(File.Exists(TinyModel.PathOf(_folder, TinyModel.Voice)));
    }

    [Theory]
    [InlineData(TinyModel.Weights, "SHA-256")]
    [InlineData(TinyModel.Config, "git blob SHA-1")]
    public async Task A_corrupt_download_is_refused_named_and_fetched_again(string file, string checksum)
    {
        await using var hub = await TinyModel.StartHubAsync();
        hub.CorruptDownloads(file);

        var summary = await RunAsync(hub);

        Assert.True(summary.Succeeded, summary.Line);
        AssertInPlace(hub, [file]);
        Assert.Equal(2, Gets(hub, file).Count);
        var expected = hub.File(file).IsLfs ? hub.File(file).Sha256 : hub.File(file).GitBlobSha1;
        var line = Assert.Single(_progress.Lines, line => line.Contains("mismatch", StringComparison.Ordinal));
        Assert.Matches($"^{file}: {checksum} mismatch \\(expected {expected}, got [0-9a-f]{{{expected.Length}}}\\); fetched again$", line);
    }

    [Fact]
    public async Task A_file_corrupt_on_every_try_fails_clearly_and_never_stands_under_its_name()
    {
        await using var hub = await TinyModel.StartHubAsync();
        hub.CorruptDownloads(TinyModel.Weights, times: 100);

        var summary = await RunAsync(hub);

        Assert.False(summary.Succeeded);
        var failure = Assert.Single(summary.Failures);
        Assert.Matches($"^weights.pth: SHA-256 mismatch \\(expected {hub.File(TinyModel.Weights).Sha256}, got [0-9a-f]{{64}}\\) again; the download was deleted$", failure);
        Assert.False(File.Exists(TinyModel.PathOf(_folder, TinyModel.Weights)));
        Assert.False(File.Exists(TinyModel.PathOf(_folder, TinyModel.Weights) + ".incomplete"));
        AssertInPlace(hub, [TinyModel.Config, TinyModel.Voice]);
        Assert.StartsWith($"1 of 3 files are not in place in {Path.Combine(_folder.Path, "tiny")}; ", summary.Line);
    }

    [Fact]
    public async Task A_gated_repository_without_a_token_stops_at_once_with_one_line_naming_the_file_and_the_error_code()
    {
        await using var hub = await TinyModel.StartHubAsync();
        hub.RequiredToken = "hf_granted";

        var summary = await RunAsync(hub);

        Assert.False(summary.Succeeded);
        Assert.Equal("config.json: the hub refused access (401 GatedRepo): set HF_TOKEN to a token that may read test/tiny-model", summary.Line);
        Assert.Single(hub.Requests);
    }

    [Fact]
    public async Task A_missing_file_is_named_with_the_hubs_error_code_and_the_others_still_land()
    {
        await using var hub = await TinyModel.StartHubAsync();
        var manifest = TinyModel.Manifest with { Files = [.. TinyModel.Manifest.Files, "voices/missing.pt"] };

        var summary = await RunAsync(hub, manifest: manifest);

        Assert.False(summary.Succeeded);
        Assert.Equal(["voices/missing.pt: not found in test/tiny-model at 0123456789abcdef0123456789abcdef01234567 (404 EntryNotFound)"], summary.Failures);
        AssertInPlace(hub, TinyModel.Files.Select(file => file.Path));
        Assert.False(Directory.Exists(TinyModel.PathOf(_folder, "voices/missing.pt")));
    }

    [Fact]
    public async Task An_unknown_revision_stops_the_run_with_RevisionNotFound()
    {
        await using var hub = await TinyModel.StartHubAsync();
        var manifest = TinyModel.Manifest with { Revision = "fedcba9876543210fedcba9876543210fedcba98" };

        var summary = await RunAsync(hub, manifest: manifest);

        Assert.Equal("config.json: revision fedcba9876543210fedcba9876543210fedcba98 not found in test/tiny-model (404 RevisionNotFound)", summary.StopReason);
        Assert.Single(hub.Requests);
    }

    [Fact]
    public async Task An_answer_for_another_commit_than_the_pinned_one_stops_the_run()
    {
        await using var hub = await TinyModel.StartHubAsync();
        hub.AnsweredCommit = "ffffffffffffffffffffffffffffffffffffffff";

        var summary = await RunAsync(hub);

        Assert.Equal(
            $"config.json: the hub answered for commit ffffffffffffffffffffffffffffffffffffffff, not the pinned {TinyModel.Revision}; nothing was downloaded from it.",
            summary.StopReason);
        Assert.DoesNotContain(hub.Requests, request => request.IsGet);
    }

    [Fact]
    public async Task A_second_run_makes_no_request_at_all()
    {
        await using var hub = await TinyModel.StartHubAsync();
        Assert.True((await RunAsync(hub)).Succeeded);
        var firstRun = hub.Requests.Count;

        var summary = await RunAsync(hub);

        Assert.True(summary.Succeeded, summary.Line);
        Assert.Equal((0, 3, 0L), (summary.Downloaded, summary.AlreadyThere, summary.BytesReceived));
        Assert.Equal(firstRun, hub.Requests.Count);
        Assert.Contains("weights.pth: in place (as recorded)", _progress.Lines);
    }

    [Fact]
    public async Task A_file_present_without_a_record_is_checked_against_the_hubs_checksum_with_a_HEAD_only()
    {
        await using var hub = await TinyModel.StartHubAsync();
        foreach (var file in TinyModel.Files)
        {
            Write(TinyModel.PathOf(_folder, file.Path), file.Content);
        }

        var summary = await RunAsync(hub);

        Assert.True(summary.Succeeded, summary.Line);
        Assert.Equal((0, 3), (summary.Downloaded, summary.AlreadyThere));
        Assert.All(hub.Requests, request => Assert.Equal("HEAD", request.Method));
        Assert.Contains("voices/af_test.pt: in place (checked against the hub's checksum)", _progress.Lines);
    }

    [Fact]
    public async Task A_file_that_differs_from_the_hubs_is_replaced()
    {
        await using var hub = await TinyModel.StartHubAsync();
        Write(TinyModel.PathOf(_folder, TinyModel.Voice), [1, 2, 3]);

        var summary = await RunAsync(hub);

        Assert.True(summary.Succeeded, summary.Line);
        AssertInPlace(hub, [TinyModel.Voice]);
        Assert.Contains("voices/af_test.pt: the file on disk differs from the hub's; fetching it again", _progress.Lines);
    }

    [Fact]
    public async Task HF_ENDPOINT_and_HF_TOKEN_are_honoured_and_the_token_never_reaches_the_CDN()
    {
        await using var hub = await TinyModel.StartHubAsync();
        hub.RequiredToken = "hf_granted";
        var environment = new Dictionary<string, string?>
        {
            ["HF_ENDPOINT"] = hub.Endpoint.AbsoluteUri,
            ["HF_TOKEN"] = "hf_granted",
            ["HOME"] = _folder.Path,
        };

        var summary = await RunAsync(hub, HubSettings.FromEnvironment(name => environment.GetValueOrDefault(name)));

        Assert.True(summary.Succeeded, summary.Line);
        var (toCdn, toHub) = (hub.Requests.Where(request => request.ToCdn).ToList(), hub.Requests.Where(request => !request.ToCdn).ToList());
        Assert.Equal(2, toCdn.Count);
        Assert.All(toHub, request => Assert.Equal("Bearer hf_granted", request.Authorization));
        Assert.All(toCdn, request => Assert.Null(request.Authorization));
        Assert.All(toCdn, request => Assert.Equal($"localhost:{hub.CdnPort}", request.Host));
    }

    [Fact]
    public async Task A_partial_file_left_by_an_earlier_run_is_resumed()
    {
        await using var hub = await TinyModel.StartHubAsync();
        LeaveIncomplete(hub, TinyModel.Weights, 100_000);

        var summary = await RunAsync(hub);

        Assert.True(summary.Succeeded, summary.Line);
        Assert.Equal(["bytes=100000-"], Gets(hub, TinyModel.Weights).Select(request => request.Range));
        AssertInPlace(hub, [TinyModel.Weights]);
        Assert.Equal(TinyModel.Files.Sum(file => (long)file.Content.Length) - 100_000, summary.BytesReceived);
    }

    [Fact]
    public async Task A_server_that_ignores_the_range_is_read_again_from_the_start()
    {
        await using var hub = await TinyModel.StartHubAsync();
        hub.IgnoreRanges = true;
        LeaveIncomplete(hub, TinyModel.Weights, 100_000);

        var summary = await RunAsync(hub);

        Assert.True(summary.Succeeded, summary.Line);
        Assert.Equal(["bytes=100000-"], Gets(hub, TinyModel.Weights).Select(request => request.Range));
        AssertInPlace(hub, [TinyModel.Weights]);
    }

    [Fact]
    public async Task A_renamed_repository_is_followed_through_its_relative_redirect()
    {
        await using var hub = await TinyModel.StartHubAsync();
        hub.RenamedFrom = "test/old-name";

        var summary = await RunAsync(hub, manifest: TinyModel.Manifest with { Repository = "test/old-name" });

        Assert.True(summary.Succeeded, summary.Line);
        AssertInPlace(hub, TinyModel.Files.Select(file => file.Path));
        Assert.Equal(
            ["/test/old-name/resolve/", "/test/tiny-model/resolve/"],
            hub.Requests.Take(2).Select(request => request.Path[..(request.Path.IndexOf("/resolve/", StringComparison.Ordinal) + 9)]));
    }

    [Fact]
    public async Task An_unreachable_hub_stops_the_run_with_one_sentence()
    {
        var closedPort = ClosedLoopbackPort();
        var hub = new HubSettings($"http://127.0.0.1:{closedPort}");

        var summary = await TinyModel.Downloader(_http, hub, _folder, _progress).RunAsync();

        Assert.False(summary.Succeeded);
        Assert.StartsWith($"Cannot reach http://127.0.0.1:{closedPort} (Connection refused", summary.Line);
        Assert.EndsWith("): the test model was not downloaded.", summary.Line);
    }

    public void Dispose()
    {
        _http.Dispose();
        _folder.Dispose();
    }

    private Task<DownloadSummary> RunAsync(FakeHubServer hub, HubSettings? settings = null, ModelManifest? manifest = null) =>
        TinyModel.Downloader(_http, settings ?? new HubSettings(hub.Endpoint.AbsoluteUri), _folder, _progress, manifest).RunAsync();

    private void AssertInPlace(FakeHubServer hub, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            Assert.Equal(hub.File(file).Content, File.ReadAllBytes(TinyModel.PathOf(_folder, file)));
        }
    }

    /// <summary>The GETs of a file's bytes: from the CDN for LFS files, from the hub for the others.</summary>
    private static List<HubRequest> Gets(FakeHubServer hub, string file) =>
        [.. hub.Requests.Where(request => request.IsGet && (request.ToCdn
            ? request.Path.EndsWith(hub.File(file).Sha256, StringComparison.Ordinal)
            : request.Path.EndsWith($"/{file}", StringComparison.Ordinal)))];

    /// <summary>What an interrupted earlier run leaves: the file's first bytes under its .incomplete name.</summary>
    private void LeaveIncomplete(FakeHubServer hub, string file, int bytes) =>
        Write(TinyModel.PathOf(_folder, file) + ".incomplete", hub.File(file).Content[..bytes]);

    private static void Write(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    private static int ClosedLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
