using System.Net;
using System.Text;
using AutoScale.Gateway.Tests.Auth;
using AutoScale.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// A revoked key, still in the gateway's cache when revoked, tried on every tenant route the gateway documents (read
/// from its OpenAPI document, so a new route is covered without touching this test): each answers 401 in the route's
/// error shape, never a 5xx, never internals.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RevokedKeyOnEveryRouteTests(GatewayFixture fixture, ITestOutputHelper output)
{
    private GatewayInstance Gateway => fixture.Gateway;

    [Fact]
    public async Task A_revoked_key_gets_401_on_every_tenant_route()
    {
        var (tenant, key) = await Gateway.CreateTenantWithIdAsync("revoked everywhere");
        using var admin = Gateway.Client(Gateway.AdminKey);
        using var client = Gateway.Client(key);
        var job = await (await client.SubmitAsync(new { text = "Made before the key was revoked." })).AssertStatusAsync(HttpStatusCode.Accepted);
        var jobId = job.GetProperty("id").GetString()!;
        var keyId = (await admin.ListKeysAsync(tenant))[0].GetProperty("id").GetGuid();
        await (await admin.RevokeKeyAsync(tenant, keyId)).AssertStatusAsync(HttpStatusCode.NoContent);

        var routes = await TenantRoutesAsync();
        Assert.Contains(routes, r => r.Method == "POST" && r.Path == "/v1/jobs");
        Assert.Contains(routes, r => r.Shape == ErrorShape.OpenAi);
        foreach (var (method, path, shape) in routes)
        {
            var target = path.Replace("{id}", jobId);
            target = System.Text.RegularExpressions.Regex.Replace(target, "{[^}]+}", "x");
            var request = new HttpRequestMessage(new HttpMethod(method), target);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{\"text\":\"hi\",\"input\":\"hi\",\"model\":\"tts-1\",\"voice\":\"alloy\"}",
                    Encoding.UTF8, "application/json");
            }

            var response = await client.SendAsync(request);
            var status = await HostileAnswer.AssertWellBehavedAsync(response, shape, $"{method} {target}");
            Assert.True(status == HttpStatusCode.Unauthorized, $"{method} {target} answered {(int)status} to a revoked key");
            output.WriteLine($"{method} {target} -> 401 ({shape})");
        }

        output.WriteLine($"{routes.Count} tenant routes refused the revoked key.");
    }

    /// <summary>Every documented operation under <c>/v1</c>, with the error shape its 401 is documented in.</summary>
    private async Task<IReadOnlyList<(string Method, string Path, ErrorShape Shape)>> TenantRoutesAsync()
    {
        using var anonymous = Gateway.Client(null);
        var document = await (await anonymous.GetAsync("/openapi/v1.json")).AssertStatusAsync(HttpStatusCode.OK);
        var routes = new List<(string, string, ErrorShape)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/v1/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var openAi = operation.Value.TryGetProperty("responses", out var responses)
                             && responses.TryGetProperty("401", out var unauthorized)
                             && unauthorized.GetRawText().Contains("OpenAiError", StringComparison.Ordinal);
                routes.Add((operation.Name.ToUpperInvariant(), path.Name, openAi ? ErrorShape.OpenAi : ErrorShape.Problem));
            }
        }

        return routes;
    }
}
