using System.Net.Http.Headers;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Operators;

/// <summary>Signs in at /login as a browser would and sends the session cookie by hand (no redirects followed).</summary>
public static class AdminBrowserSession
{
    /// <summary>A client that neither keeps cookies nor follows redirects, so each test sees exactly what the gateway answered.</summary>
    public static HttpClient BareClient(this GatewayInstance gateway) =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = gateway.BaseAddress };

    public static Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string key, string returnUrl = "/ops") =>
        client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["returnUrl"] = returnUrl }));

    /// <summary>The <c>Set-Cookie</c> header of the session cookie, or null.</summary>
    public static string? SessionSetCookie(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(AdminSession.CookieName + "=", StringComparison.Ordinal))
            : null;

    /// <summary>Signs in with the admin key and returns the cookie as a <c>Cookie</c> header value.</summary>
    public static async Task<string> SignInAsync(this GatewayInstance gateway)
    {
        using var client = gateway.BareClient();
        var response = await client.PostLoginAsync(gateway.AdminKey);
        var setCookie = response.SessionSetCookie()
            ?? throw new InvalidOperationException($"Signing in answered {(int)response.StatusCode} without a session cookie.");
        return setCookie.Split(';')[0];
    }

    public static HttpRequestMessage WithCookie(this HttpRequestMessage request, string cookie, string? accept = null)
    {
        request.Headers.Add("Cookie", cookie);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return request;
    }
}
