using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AutoScale.Gateway.Tests.Auth;
using AutoScale.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// Seeded hostile bodies and ids on the key routes: every answer a problem, never a 5xx or internals, and no key made
/// or revoked for another tenant. Replay a run with AUTOSCALE_FUZZ_SEED.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class KeyRoutesFuzzTests(GatewayFixture fixture, ITestOutputHelper output)
{
    private const int Cases = 80;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("AUTOSCALE_FUZZ_SEED"), NumberStyles.Integer,
        CultureInfo.InvariantCulture, out var seed) ? seed : 20261205;

    private GatewayInstance Gateway => fixture.Gateway;

    [Fact]
    public async Task Hostile_names_and_ids_on_the_key_routes_are_answered_without_server_errors()
    {
        var (tenant, _) = await Gateway.CreateTenantWithIdAsync("fuzzed keys");
        var (bystander, bystanderKey) = await Gateway.CreateTenantWithIdAsync("bystander");
        using var admin = Gateway.Client(Gateway.AdminKey);
        var bodies = new HostileBodies(Seed);
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < Cases; i++)
        {
            var body = bodies.Body(["name"], new Dictionary<string, string> { ["name"] = "\"rotation\"" });
            var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/tenants/{tenant}/keys") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await admin.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = await HostileAnswer.AssertWellBehavedAsync(response, ErrorShape.Problem,
                $"POST keys case {i} (seed {Seed}) body {HostileAnswer.Shorten(Encoding.UTF8.GetString(body))}");
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status == HttpStatusCode.Created)
            {
                // Revoked at once, so the cap does not end the run's reach past validation.
                var id = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
                await (await admin.RevokeKeyAsync(tenant, id)).AssertStatusAsync(HttpStatusCode.NoContent);
            }

            // Every byte percent-encoded, so the path carries whatever the text holds (slashes, NULs, broken UTF-8).
            var oddId = string.Concat(Encoding.UTF8.GetBytes(bodies.Text()).Take(300).Select(b => $"%{b:X2}"));
            foreach (var (method, path) in new[]
                     {
                         (HttpMethod.Get, $"/admin/tenants/{oddId}/keys"),
                         (HttpMethod.Delete, $"/admin/tenants/{tenant}/keys/{oddId}"),
                         (HttpMethod.Delete, $"/admin/tenants/{oddId}/keys/{Guid.NewGuid()}"),
                     })
            {
                var odd = await admin.SendAsync(new HttpRequestMessage(method, path));
                var oddStatus = await HostileAnswer.AssertWellBehavedAsync(odd, ErrorShape.Problem, $"{method} {path}", kestrelMayRefuse: true);
                Assert.True(oddStatus is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed, $"{method} {path} answered {(int)oddStatus}");
            }
        }

        output.WriteLine($"Seed {Seed}: {Cases} bodies, {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}×{s.Value}"))}.");
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.Created) > 0, "No fuzzed body made a key.");
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 0, "No fuzzed body was refused.");
        Assert.Single((await admin.ListKeysAsync(bystander)).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, await Gateway.StatusWithKeyAsync(bystanderKey));
    }
}
