using System.Globalization;
using System.Security.Cryptography;
using AutoScale.Gateway.Auth.LoginThrottling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Auth;

/// <summary>
/// <c>GET/POST /login</c> and <c>POST /logout</c>: the admin's browser session (see <see cref="AdminSession"/>). Wrong
/// keys slow the client's address down (<see cref="LoginThrottle"/>): a wrong key past the free ones is a 401 with
/// <c>Retry-After</c>, and a try before that wait is over a 429 with what is left, its key not even compared.
/// </summary>
public static class AdminLoginApi
{
    private const int MaxFormBytes = 4096;

    public static IEndpointRouteBuilder MapAdminLogin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        group.MapGet(LoginPage.Path, (string? returnUrl) => Page(returnUrl, error: null, StatusCodes.Status200OK));
        group.MapPost(LoginPage.Path, SignInAsync);
        group.MapPost("/logout", SignOut);
        return routes;
    }

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> SignInAsync(
        HttpContext context, AdminSession session, LoginThrottle throttle, IOptions<AuthOptions> options)
    {
        var client = context.Connection.RemoteIpAddress;
        var wait = throttle.WaitFor(client);
        if (wait > TimeSpan.Zero)
        {
            return TooSoon(context, wait);
        }

        if (!context.Request.HasFormContentType || context.Request.ContentLength > MaxFormBytes)
        {
            return Page(null, "Send the form from the sign-in page.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LoginPage.SafeReturnUrl(form["returnUrl"]);
        var attempt = throttle.TryAttempt(client);
        if (!attempt.Allowed)
        {
            return TooSoon(context, attempt.Wait);
        }

        var key = form["key"].ToString().Trim();
        if (!CryptographicOperations.FixedTimeEquals(ApiKeys.Hash(key), ApiKeys.Hash(options.Value.AdminKey)))
        {
            var error = attempt.Wait > TimeSpan.Zero
                ? $"That is not the admin key. Wait {WaitText(context, attempt.Wait)} before the next try."
                : "That is not the admin key.";
            return Page(returnUrl, error, StatusCodes.Status401Unauthorized);
        }

        throttle.Succeeded(client);
        session.SignIn(context);
        return TypedResults.Redirect(returnUrl);
    }

    private static RedirectHttpResult SignOut(HttpContext context)
    {
        AdminSession.SignOut(context);
        return TypedResults.Redirect(LoginPage.Path);
    }

    private static ContentHttpResult TooSoon(HttpContext context, TimeSpan wait) =>
        Page(null, $"Too many wrong keys from your address: wait {WaitText(context, wait)}, then try again.",
            StatusCodes.Status429TooManyRequests);

    /// <summary>Sets <c>Retry-After</c> to the wait and says it in words.</summary>
    private static string WaitText(HttpContext context, TimeSpan wait)
    {
        var seconds = LoginThrottlePolicy.RetryAfterSeconds(wait);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds == 1 ? "1 second" : $"{seconds} seconds";
    }

    private static ContentHttpResult Page(string? returnUrl, string? error, int status) =>
        TypedResults.Content(LoginPage.Render(returnUrl, error), "text/html; charset=utf-8", statusCode: status);
}
