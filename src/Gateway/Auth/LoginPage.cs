using System.Net;

namespace AutoScale.Gateway.Auth;

/// <summary>The admin sign-in page: one field for the admin key, posted as a form to <c>/login</c>.</summary>
public static class LoginPage
{
    public const string Path = "/login";
    private const string DefaultReturnUrl = "/ops";

    /// <summary>The sign-in page that comes back to <paramref name="returnUrl"/> afterwards.</summary>
    public static string PathFor(string returnUrl) => $"{Path}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>A path on this site to go back to; anything else (another host, <c>//host</c>, <c>/\host</c>) becomes /ops.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            ? url
            : DefaultReturnUrl;

    public static string Render(string? returnUrl, string? error) => $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Sign in · AutoScale</title>
          <link rel="stylesheet" href="/ui/site.css">
        </head>
        <body class="narrow">
          <h1>AutoScale operators</h1>
          <form method="post" action="{Path}" class="card">
            <label for="key">Admin key</label>
            <input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(SafeReturnUrl(returnUrl))}">
            <button type="submit">Sign in</button>
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}
          </form>
          <p class="muted">The key is printed by <code>./run.sh</code> and kept in <code>.data/admin-key</code>. Tenants try the API at <a href="/try">/try</a>.</p>
        </body>
        </html>
        """;
}
