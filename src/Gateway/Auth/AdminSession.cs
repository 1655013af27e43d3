using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Auth;

/// <summary>
/// The admin's browser session: an HttpOnly, SameSite=Strict cookie whose value is the admin identity, a fingerprint
/// of the admin key and an expiry, encrypted and signed with ASP.NET Data Protection. The cookie never carries the
/// key; rotating <c>Auth:AdminKey</c> ends every session, and so does the expiry (<c>Auth:AdminSessionHours</c>).
/// </summary>
public sealed class AdminSession
{
    public const string CookieName = "autoscale_admin";

    /// <summary>Cookie-authenticated requests that change state must carry this header (a cross-site form cannot).</summary>
    public const string CsrfHeader = "X-Requested-With";

    private const string Purpose = "AutoScale.Gateway.AdminSession.v1";
    private const string Subject = "admin";

    private readonly ITimeLimitedDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly string _keyFingerprint;

    public AdminSession(IDataProtectionProvider protection, TimeProvider time, IOptions<AuthOptions> options)
    {
        _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
        _time = time;
        _lifetime = TimeSpan.FromHours(options.Value.AdminSessionHours);
        _keyFingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Purpose + options.Value.AdminKey)))[..16];
    }

    /// <summary>Sets the session cookie on the response.</summary>
    public void SignIn(HttpContext context)
    {
        var expires = _time.GetUtcNow() + _lifetime;
        var value = _protector.Protect($"{Subject}|{_keyFingerprint}", expires);
        context.Response.Cookies.Append(CookieName, value, CookieOptions(context, expires));
    }

    /// <summary>Removes the session cookie from the browser.</summary>
    public static void SignOut(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, CookieOptions(context, expires: null));

    /// <summary>Whether the request carries a session cookie at all (valid or not).</summary>
    public static bool IsPresent(HttpRequest request) => request.Cookies.ContainsKey(CookieName);

    /// <summary>Whether the request's session cookie is genuine, unexpired and made for the current admin key.</summary>
    public bool IsValid(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(value, out var expires) == $"{Subject}|{_keyFingerprint}" && expires > _time.GetUtcNow();
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Safe methods cannot change state; the others need <see cref="CsrfHeader"/> when sent with the cookie.</summary>
    public static bool HasCsrfProof(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
        || request.Headers.ContainsKey(CsrfHeader);

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
