using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using AutoScale.Models.Progress;
using AutoScale.Models.Verification;

namespace AutoScale.Models.HuggingFace;

/// <summary>
/// Brings a file's bytes into its <c>.incomplete</c> file: hashes what an earlier run left there, asks for the rest
/// with <c>Range: bytes=N-</c>, and after a cut or stalled connection asks again from what is on disk, waiting as
/// <see cref="ModelDownloadOptions.RetrySchedule"/> says; an attempt that added bytes resets the count. A server that
/// ignores the range (200) is taken from the start. The bytes are hashed as they are written and flushed to disk at
/// the end; verifying and renaming are the caller's.
/// </summary>
public sealed class ResumableTransfer(
    HubClient hub, HttpClient http, ModelDownloadOptions options, DownloadProgress progress, TimeProvider time)
{
    /// <exception cref="DownloadFailedException">Every retry failed, or the server refused the download.</exception>
    public async Task<TransferResult> RunAsync(HubFileMetadata file, string incompletePath, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(
            incompletePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: true);
        using var hasher = new ContentHasher(file.Hash.Kind, file.Size);
        if (stream.Length > file.Size)
        {
            stream.SetLength(0);
        }

        await hasher.AppendAsync(stream, stream.Length, cancellationToken);
        progress.Transferring(file.Size, stream.Position);
        var schedule = options.RetrySchedule;
        long received = 0;
        var failures = 0;
        while (stream.Position < file.Size)
        {
            try
            {
                received += await ReceiveAsync(file, stream, hasher, cancellationToken);
                break;
            }
            catch (TransferInterruptedException interruption)
            {
                received += interruption.BytesReceived;
                failures = interruption.BytesReceived > 0 ? 1 : failures + 1;
                if (!schedule.AllowsAnotherTry(failures))
                {
                    throw new DownloadFailedException(
                        $"{file.Path}: the download failed {failures} times in a row ({interruption.Message})", interruption);
                }

                var delay = schedule.DelayBefore(failures);
                progress.Problem(
                    $"{file.Path}: {interruption.Message}; resuming from {Units.Bytes(stream.Position)} in {Units.Duration(delay)}");
                await Task.Delay(delay, time, cancellationToken);
            }
        }

        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
        return new TransferResult(stream.Length, hasher.Finish(), received);
    }

    /// <summary>One GET from the current end of the file; returns the bytes it added when the body ended cleanly.</summary>
    private async Task<long> ReceiveAsync(HubFileMetadata file, FileStream stream, ContentHasher hasher, CancellationToken cancellationToken)
    {
        var offset = stream.Position;
        using var request = hub.NewRequest(HttpMethod.Get, file.DownloadUrl);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        using var response = await SendAsync(request, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK when offset > 0:
                StartOver(stream, hasher);
                break;
            case HttpStatusCode.OK:
            case HttpStatusCode.PartialContent when response.Content.Headers.ContentRange?.From == offset:
                break;
            case HttpStatusCode.PartialContent or HttpStatusCode.RequestedRangeNotSatisfiable:
                StartOver(stream, hasher);
                throw new TransferInterruptedException($"the server answered {(int)response.StatusCode} to a request for bytes {offset}-", 0);
            case HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError:
                throw new TransferInterruptedException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}", 0);
            default:
                var code = response.Headers.TryGetValues("X-Error-Code", out var codes) ? $" {codes.First()}" : "";
                throw new DownloadFailedException(
                    $"{file.Path}: the download was refused ({(int)response.StatusCode}{code} from {file.DownloadUrl.Host})");
        }

        return await CopyAsync(response, file, stream, hasher, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.RequestTimeout);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (HttpRequestException exception)
        {
            throw new TransferInterruptedException(exception.Message, 0, exception);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransferInterruptedException($"no answer within {Units.Duration(options.RequestTimeout)}", 0);
        }
    }

    /// <summary>Copies the body to the file, hashing it; stops once the file is longer than announced (it is wrong then).</summary>
    private async Task<long> CopyAsync(
        HttpResponseMessage response, HubFileMetadata file, FileStream stream, ContentHasher hasher, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long added = 0;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            while (stream.Position <= file.Size)
            {
                stall.CancelAfter(options.StallTimeout);
                var read = await ReadAsync(body, buffer, added, stall.Token, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                // Not under the network's catch: a local write that fails (a full disk) is not worth a retry.
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                hasher.Append(buffer.AsSpan(0, read));
                added += read;
                progress.Advanced(stream.Position);
            }

            return added;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<int> ReadAsync(Stream body, byte[] buffer, long added, CancellationToken stall, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, stall);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            throw new TransferInterruptedException($"the connection broke after {Units.Bytes(added)} ({exception.Message})", added, exception);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransferInterruptedException($"no data for {Units.Duration(options.StallTimeout)}", added);
        }
    }

    private void StartOver(FileStream stream, ContentHasher hasher)
    {
        stream.SetLength(0);
        stream.Position = 0;
        hasher.Restart();
        progress.Advanced(0);
    }
}
