using AutoScale.Models.HuggingFace;
using AutoScale.Models.Progress;
using AutoScale.Models.Records;
using AutoScale.Models.Verification;

namespace AutoScale.Models;

/// <summary>
/// Brings every file of a <see cref="ModelManifest"/> into <c>&lt;ModelsPath&gt;/&lt;Folder&gt;</c>, one at a time:
/// <list type="number">
/// <item>a file the <see cref="DownloadRecord"/> still describes is in place, without a request;</item>
/// <item>otherwise the hub is asked for its checksum and size (a HEAD); a file already on disk that matches them is
/// recorded and kept;</item>
/// <item>otherwise it is downloaded into <c>&lt;name&gt;.incomplete</c> (resuming what is there), verified and
/// renamed into place; a download that does not verify is deleted and fetched once more, then given up.</item>
/// </list>
/// A file that fails is reported and the others carried on with, unless the failure would repeat for every file (no
/// access, no such repository or revision, no network, a folder that cannot be written): then the run stops.
/// </summary>
public sealed class ModelDownloader
{
    private readonly ModelManifest _manifest;
    private readonly ModelDownloadOptions _options;
    private readonly DownloadProgress _progress;
    private readonly TimeProvider _time;
    private readonly HubClient _hub;
    private readonly ResumableTransfer _transfer;

    public ModelDownloader(
        ModelManifest manifest, HubSettings hub, ModelDownloadOptions options, HttpClient http, DownloadProgress progress,
        TimeProvider time)
    {
        manifest.Validate();
        options.Validate();
        _manifest = manifest;
        _options = options;
        _progress = progress;
        _time = time;
        _hub = new HubClient(http, hub, options.RetrySchedule, options.RequestTimeout, time);
        _transfer = new ResumableTransfer(_hub, http, options, progress, time);
    }

    public string Folder => Path.GetFullPath(Path.Combine(_options.ModelsPath, _manifest.Folder));

    public async Task<DownloadSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var tally = new Tally();
        string? stopReason = null;
        try
        {
            Directory.CreateDirectory(Folder);
            var record = DownloadRecord.Load(Folder, _manifest);
            _progress.Begin(_manifest.Files.Count);
            foreach (var path in _manifest.Files)
            {
                stopReason = await BringAsync(path, record, tally, cancellationToken);
                if (stopReason is not null)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            stopReason = $"Cannot write to {Folder} ({exception.Message}): {_manifest.Title} was not downloaded.";
        }
        finally
        {
            _progress.Finish();
        }

        return new DownloadSummary(Folder, _manifest.Files.Count, tally.Downloaded, tally.AlreadyThere, tally.Bytes,
            _time.GetElapsedTime(started), tally.Failures, stopReason);
    }

    /// <summary>One file into place; returns why the run must stop, or null.</summary>
    private async Task<string?> BringAsync(string path, DownloadRecord record, Tally tally, CancellationToken cancellationToken)
    {
        _progress.Checking(path);
        var target = Path.Combine(Folder, path);
        if (record.Vouches(path, target))
        {
            _progress.InPlace("in place (as recorded)");
            tally.AlreadyThere++;
            return null;
        }

        try
        {
            var metadata = await _hub.GetMetadataAsync(_manifest.Repository, _manifest.Revision, path, cancellationToken);
            if (_manifest.IsPinned && metadata.Commit is { } commit && !commit.Equals(_manifest.Revision, StringComparison.OrdinalIgnoreCase))
            {
                return $"{path}: the hub answered for commit {commit}, not the pinned {_manifest.Revision}; nothing was downloaded from it.";
            }

            if (await IsInPlaceAsync(target, metadata, cancellationToken))
            {
                record.Remember(path, target, metadata.Hash);
                File.Delete(target + ".incomplete");
                _progress.InPlace("in place (checked against the hub's checksum)");
                tally.AlreadyThere++;
                return null;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            tally.Bytes += await DownloadVerifiedAsync(metadata, target, cancellationToken);
            record.Remember(path, target, metadata.Hash);
            tally.Downloaded++;
            return null;
        }
        catch (HubRefusedException refusal) when (refusal.RepositoryWide)
        {
            return refusal.Message;
        }
        catch (Exception failure) when (failure is HubRefusedException or DownloadFailedException)
        {
            tally.Failures.Add(failure.Message);
            return null;
        }
        catch (HubUnreachableException unreachable)
        {
            return $"{unreachable.Message}: {_manifest.Title} was not downloaded.";
        }
    }

    /// <summary>A file already under its final name is kept when it has the size and checksum the hub publishes.</summary>
    private async Task<bool> IsInPlaceAsync(string target, HubFileMetadata metadata, CancellationToken cancellationToken)
    {
        var file = new FileInfo(target);
        if (!file.Exists)
        {
            return false;
        }

        if (file.Length == metadata.Size && await ContentHasher.OfFileAsync(target, metadata.Hash.Kind, cancellationToken) == metadata.Hash)
        {
            return true;
        }

        _progress.Problem($"{metadata.Path}: the file on disk differs from the hub's; fetching it again");
        return false;
    }

    /// <summary>Downloads, verifies and renames into place; a download that does not verify is fetched once more.</summary>
    private async Task<long> DownloadVerifiedAsync(HubFileMetadata metadata, string target, CancellationToken cancellationToken)
    {
        var incomplete = target + ".incomplete";
        long received = 0;
        for (var attempt = 1; ; attempt++)
        {
            var result = await _transfer.RunAsync(metadata, incomplete, cancellationToken);
            received += result.BytesReceived;
            if (result.MismatchWith(metadata) is not { } mismatch)
            {
                File.Move(incomplete, target, overwrite: true);
                _progress.Downloaded();
                return received;
            }

            File.Delete(incomplete);
            if (attempt == 2)
            {
                throw new DownloadFailedException($"{metadata.Path}: {mismatch} again; the download was deleted");
            }

            _progress.Problem($"{metadata.Path}: {mismatch}; fetched again");
        }
    }

    /// <summary>The run's counts as files finish.</summary>
    private sealed class Tally
    {
        public int Downloaded { get; set; }

        public int AlreadyThere { get; set; }

        public long Bytes { get; set; }

        public List<string> Failures { get; } = [];
    }
}
