using System.Net;
using System.Net.Http.Headers;
using AutoScale.Models.Verification;

namespace AutoScale.Models.HuggingFace;

/// <summary>
/// The hub's <c>resolve</c> protocol as huggingface_hub speaks it: HEAD
/// <c>{endpoint}/{repo}/resolve/{revision}/{path}</c>, following relative redirects only (a renamed repository),
/// never one to another host: for an LFS file that 302 is the answer, and its Location the presigned URL to GET.
/// </summary>
public sealed class HubClient(HttpClient http, HubSettings settings, RetrySchedule retries, TimeSpan requestTimeout, TimeProvider time)
{
    private const int MaxRelativeRedirects = 5;

    public HubSettings Settings => settings;

    /// <summary>An HttpClient for the hub: redirects are the caller's to follow, bodies are not decompressed.</summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(20),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            // Downloads take as long as they take; requests get their own deadlines, reads a stall timeout.
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("AutoScale.ModelDownloader", "1.0") } },
        };

    /// <summary>A request that carries the token when <paramref name="url"/> is on the endpoint's own origin.</summary>
    public HttpRequestMessage NewRequest(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        if (settings.MaySendTokenTo(url))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        }

        return request;
    }

    /// <exception cref="HubRefusedException">The hub answered with an error (401, 403, 404, …).</exception>
    /// <exception cref="HubUnreachableException">No answer at all.</exception>
    /// <exception cref="DownloadFailedException">Server errors on every try, or an answer without a checksum.</exception>
    public async Task<HubFileMetadata> GetMetadataAsync(
        string repository, string revision, string path, CancellationToken cancellationToken)
    {
        var url = ResolveUrl(repository, revision, path);
        for (var hops = 0; ; hops++)
        {
            using var response = await HeadAsync(url, path, cancellationToken);
            var location = Location(response, url);
            if (IsRedirect(response.StatusCode) && location is { Relative: true } && hops < MaxRelativeRedirects)
            {
                url = location.Value.Url;
                continue;
            }

            if (!response.IsSuccessStatusCode && !IsRedirect(response.StatusCode))
            {
                throw HubRefusedException.From(response, path, repository, revision);
            }

            return Metadata(response, path, location is { Relative: false } absolute ? absolute.Url : url);
        }
    }

    private Uri ResolveUrl(string repository, string revision, string path) =>
        new($"{settings.Endpoint}/{repository}/resolve/{Uri.EscapeDataString(revision)}/"
            + string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));

    /// <summary>A HEAD, tried again on 5xx, 429 and timeouts; a connection that cannot be made is the end of it.</summary>
    private async Task<HttpResponseMessage> HeadAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        for (var failures = 1; ; failures++)
        {
            Exception failure;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(requestTimeout);
            try
            {
                using var request = NewRequest(HttpMethod.Head, url);
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                if (!IsTransient(response.StatusCode))
                {
                    return response;
                }

                failure = new DownloadFailedException(
                    $"{path}: the hub answered {(int)response.StatusCode} {response.ReasonPhrase} {failures} times in a row");
                response.Dispose();
            }
            catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.NameResolutionError
                or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
            {
                throw new HubUnreachableException(settings.Endpoint, exception.Message, exception);
            }
            catch (HttpRequestException exception)
            {
                failure = new HubUnreachableException(settings.Endpoint, exception.Message, exception);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new HubUnreachableException(settings.Endpoint, $"no answer within {requestTimeout.TotalSeconds:0} s");
            }

            if (!retries.AllowsAnotherTry(failures))
            {
                throw failure;
            }

            await Task.Delay(retries.DelayBefore(failures), time, cancellationToken);
        }
    }

    private static HubFileMetadata Metadata(HttpResponseMessage response, string path, Uri downloadUrl)
    {
        var linkedEtag = Single(response.Headers, "X-Linked-Etag");
        var hash = linkedEtag is not null
            ? ContentHash.FromHex(ContentHashKind.Sha256, Unquoted(linkedEtag))
            : ContentHash.FromHex(ContentHashKind.GitBlobSha1, Single(response.Headers, "ETag") is { } etag ? Unquoted(etag) : null);
        var size = long.TryParse(Single(response.Headers, "X-Linked-Size"), out var linkedSize)
            ? linkedSize
            : response.Content.Headers.ContentLength;
        if (hash is null || size is null or < 0)
        {
            throw new DownloadFailedException(
                $"{path}: the hub's answer ({(int)response.StatusCode}) has no usable checksum or size, so the file could not be verified");
        }

        return new HubFileMetadata(path, hash, size.Value, downloadUrl, Single(response.Headers, "X-Repo-Commit"));
    }

    /// <summary>The Location resolved against the request; relative when it stays on the hub (a renamed repository).</summary>
    private static (Uri Url, bool Relative)? Location(HttpResponseMessage response, Uri requestUrl)
    {
        // Read as text: on Unix a bare "/path" parses as an absolute file: URI.
        if (Single(response.Headers, "Location") is not { Length: > 0 } location)
        {
            return null;
        }

        return Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? (absolute, false)
            : (new Uri(requestUrl, location), true);
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static string? Single(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Unquoted(string etag) => (etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag).Trim('"');
}
