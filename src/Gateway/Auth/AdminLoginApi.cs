using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Auth;

/// <summary><c>GET/POST /login</c> and <c>POST /logout</c>: the admin's browser session (see <see cref="AdminSession"/>).</summary>
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
        HttpContext context, AdminSession session, IOptions<AuthOptions> options)
    {
        if (!context.Request.HasFormContentType || context.Request.ContentLength > MaxFormBytes)
        {
            return Page(null, "Send the form from the sign-in page.", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LoginPage.SafeReturnUrl(form["returnUrl"]);
        var key = form["key"].ToString().Trim();
        if (!CryptographicOperations.FixedTimeEquals(ApiKeys.Hash(key), ApiKeys.Hash(options.Value.AdminKey)))
        {
            return Page(returnUrl, "That is not the admin key.", StatusCodes.Status401Unauthorized);
        }

        session.SignIn(context);
        return TypedResults.Redirect(returnUrl);
    }

    private static RedirectHttpResult SignOut(HttpContext context)
    {
        AdminSession.SignOut(context);
        return TypedResults.Redirect(LoginPage.Path);
    }

    private static ContentHttpResult Page(string? returnUrl, string? error, int status) =>
        TypedResults.Content(LoginPage.Render(returnUrl, error), "text/html; charset=utf-8", statusCode: status);
}
