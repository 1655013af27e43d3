using System.Net;
using System.Text;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Operators;

[Collection(GatewayCollection.Name)]
public sealed class AdminLoginTests(GatewayFixture fixture)
{
    private GatewayInstance Gateway => fixture.Gateway;

    [Fact]
    public async Task The_login_page_is_a_form_for_the_admin_key()
    {
        using var client = Gateway.BareClient();

        var response = await client.GetAsync("/login?returnUrl=%2Fdashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/login\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"/dashboard\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_with_the_admin_key_sets_a_strict_http_only_session_cookie_that_is_not_the_key()
    {
        using var client = Gateway.BareClient();

        var response = await client.PostLoginAsync(Gateway.AdminKey, "/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location?.OriginalString);
        var setCookie = response.SessionSetCookie();
        Assert.NotNull(setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie.Split(';').Select(a => a.Trim().ToLowerInvariant()));
        var value = setCookie.Split(';')[0][(AdminSession.CookieName.Length + 1)..];
        Assert.DoesNotContain(Gateway.AdminKey, Uri.UnescapeDataString(value), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Gateway.AdminKey)), value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-the-admin-key")]
    [InlineData("")]
    public async Task Signing_in_with_anything_but_the_admin_key_is_refused_without_a_cookie(string key)
    {
        using var client = Gateway.BareClient();

        var response = await client.PostLoginAsync(key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.SessionSetCookie());
        Assert.Contains("not the admin key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_key_does_not_sign_in()
    {
        using var client = Gateway.BareClient();

        var response = await client.PostLoginAsync(fixture.TenantA);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.SessionSetCookie());
    }

    [Theory]
    [InlineData("//evil.example/ops")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task Signing_in_never_redirects_off_site(string returnUrl)
    {
        using var client = Gateway.BareClient();

        var response = await client.PostLoginAsync(Gateway.AdminKey, returnUrl);

        Assert.Equal("/ops", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_forged_or_tampered_cookie_is_refused()
    {
        var cookie = await Gateway.SignInAsync();
        using var client = Gateway.BareClient();

        var tampered = cookie[..^4] + (cookie.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var forged = $"{AdminSession.CookieName}={Gateway.AdminKey}";

        foreach (var bad in new[] { tampered, forged })
        {
            var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/fleet").WithCookie(bad));
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Signing_out_deletes_the_cookie()
    {
        using var client = Gateway.BareClient();

        var response = await client.PostAsync("/logout", content: null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", response.SessionSetCookie(), StringComparison.OrdinalIgnoreCase);
    }
}
