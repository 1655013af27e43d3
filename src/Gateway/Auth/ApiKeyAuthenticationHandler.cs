using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using AutoScale.Gateway.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> (as OpenAI clients send it) or <c>X-Api-Key</c> against the
/// admin key and the tenants' keys; without a key, the admin's browser session cookie (<see cref="AdminSession"/>).
/// Answers 401/403 as problem+json, except that a browser asking for a page without any credential is sent to
/// <c>/login</c>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AuthOptions> authOptions,
    TenantStore tenants,
    AdminSession adminSession) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string ApiKeyHeader = "X-Api-Key";

    private readonly byte[] _adminKeyHash = ApiKeys.Hash(authOptions.Value.AdminKey);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
        {
            return AuthenticateBySession();
        }

        if (CryptographicOperations.FixedTimeEquals(ApiKeys.Hash(key), _adminKeyHash))
        {
            return Success(new Claim(ClaimTypes.Role, AuthPolicies.AdminRole));
        }

        return await tenants.FindTenantAsync(key, Context.RequestAborted) is { } tenantId
            ? Success(new Claim(AuthPolicies.TenantIdClaim, tenantId.ToString()))
            : AuthenticateResult.Fail("The API key is not valid.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var hasKey = ReadKey(Request) is not null;
        if (!hasKey && IsBrowserPageRequest(Request))
        {
            Response.Redirect(LoginPage.PathFor(Request.PathBase + Request.Path + Request.QueryString));
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        var detail = failure ?? (hasKey
            ? "The API key is not valid."
            : "Send your API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
        await Problem.Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Authentication required.", detail)
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem.Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "This key may not do that.",
                Context.User.IsInRole(AuthPolicies.AdminRole)
                    ? "The admin key administers the service; submit and read jobs with a tenant key."
                    : "This call needs the admin key.")
            .ExecuteAsync(Context);

    private AuthenticateResult AuthenticateBySession()
    {
        if (!AdminSession.IsPresent(Request))
        {
            return AuthenticateResult.NoResult();
        }

        if (!adminSession.IsValid(Request))
        {
            return AuthenticateResult.Fail("The session has expired or is not valid; sign in again at /login.");
        }

        // SameSite=Strict already keeps the cookie off cross-site requests; the header is the second lock.
        return AdminSession.HasCsrfProof(Request)
            ? Success(new Claim(ClaimTypes.Role, AuthPolicies.AdminRole))
            : AuthenticateResult.Fail(
                $"A request that changes state with the session cookie must send the '{AdminSession.CsrfHeader}' header (or use the Bearer key).");
    }

    private static bool IsBrowserPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private AuthenticateResult Success(Claim claim) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([claim], SchemeName)), SchemeName));

    /// <summary>The key the request sends as a bearer token or in <c>X-Api-Key</c>, or null.</summary>
    internal static string? ReadKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        var header = request.Headers[ApiKeyHeader].ToString().Trim();
        return header.Length > 0 ? header : null;
    }
}
