namespace AutoScale.Models.HuggingFace;

/// <summary>
/// Where the hub is and the token to show it, read from the environment the way the Hugging Face tools read it:
/// <c>HF_ENDPOINT</c> (default https://huggingface.co); <c>HF_TOKEN</c>, else the file <c>HF_TOKEN_PATH</c>, else
/// <c>$HF_HOME/token</c> (HF_HOME defaults to <c>$XDG_CACHE_HOME/huggingface</c>, then <c>~/.cache/huggingface</c>).
/// The token goes to the endpoint's own origin only: LFS files redirect to presigned CDN URLs that need none.
/// </summary>
public sealed record HubSettings
{
    public const string DefaultEndpoint = "https://huggingface.co";

    public HubSettings(string endpoint, string? token = null)
    {
        var trimmed = endpoint.Trim().TrimEnd('/');
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The hub endpoint must be an http(s) URL, not '{endpoint}'.", nameof(endpoint));
        }

        Endpoint = trimmed;
        EndpointUri = uri;
        Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
    }

    /// <summary>The endpoint without a trailing slash, as URLs are built from it and messages name it.</summary>
    public string Endpoint { get; }

    public Uri EndpointUri { get; }

    public string? Token { get; }

    /// <exception cref="ArgumentException">HF_ENDPOINT is not an http(s) URL.</exception>
    public static HubSettings FromEnvironment(Func<string, string?> variable)
    {
        var endpoint = variable("HF_ENDPOINT");
        return new HubSettings(string.IsNullOrWhiteSpace(endpoint) ? DefaultEndpoint : endpoint, TokenFrom(variable));
    }

    /// <summary>Whether a request to <paramref name="url"/> may carry the token: same scheme, host and port as the endpoint.</summary>
    public bool MaySendTokenTo(Uri url) =>
        Token is not null
        && string.Equals(url.Scheme, EndpointUri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, EndpointUri.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == EndpointUri.Port;

    /// <summary>Never the token itself: settings end up in messages.</summary>
    public override string ToString() => $"{Endpoint} ({(Token is null ? "no token" : "with a token")})";

    private static string? TokenFrom(Func<string, string?> variable)
    {
        var token = variable("HF_TOKEN");
        if (!string.IsNullOrWhiteSpace(token))
        {
            return token;
        }

        var path = variable("HF_TOKEN_PATH") is { Length: > 0 } explicitPath
            ? Expand(explicitPath, variable)
            : Path.Combine(HfHome(variable), "token");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static string HfHome(Func<string, string?> variable)
    {
        if (variable("HF_HOME") is { Length: > 0 } home)
        {
            return Expand(home, variable);
        }

        var cache = variable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : "~/.cache";
        return Path.Combine(Expand(cache, variable), "huggingface");
    }

    private static string Expand(string path, Func<string, string?> variable) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? (variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)) + path[1..]
            : path;
}
