using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Tests.Operators;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Auth;

/// <summary>Several keys per tenant through the admin API of a real gateway: made, listed, rotated, capped, revoked.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TenantKeyLifecycleTests(GatewayFixture fixture)
{
    private const int DefaultCap = 5;

    private GatewayInstance Gateway => fixture.Gateway;

    [Fact]
    public async Task A_new_key_is_shown_once_listed_by_id_name_and_prefix_and_never_listed_with_its_secret()
    {
        var (tenant, firstKey) = await Gateway.CreateTenantWithIdAsync("lifecycle");
        using var admin = Gateway.Client(Gateway.AdminKey);

        var made = await admin.CreateKeyAsync(tenant, "ci deploy");
        var key = made.GetProperty("key").GetString()!;
        Assert.Equal("ci deploy", made.GetProperty("name").GetString());
        Assert.StartsWith(made.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);
        Assert.True(made.GetProperty("prefix").GetString()!.Length < key.Length / 2, "the prefix gives away much of the key");

        var listedText = (await admin.ListKeysAsync(tenant)).GetRawText();
        var listed = JsonDocument.Parse(listedText).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, listed.Count);
        Assert.Equal("first key", listed[0].GetProperty("name").GetString());
        Assert.Equal(made.GetProperty("id").GetGuid(), listed[1].GetProperty("id").GetGuid());
        Assert.All(listed, k => Assert.Equal(JsonValueKind.Null, k.GetProperty("revokedAt").ValueKind));
        Assert.All(listed, k => Assert.False(k.TryGetProperty("key", out _), "a listed key carries its secret"));
        Assert.DoesNotContain(key, listedText, StringComparison.Ordinal);
        Assert.DoesNotContain(firstKey, listedText, StringComparison.Ordinal);
        Assert.DoesNotContain(key[10..], listedText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_rotates_with_two_working_keys_and_the_revoked_one_is_refused_at_once_here()
    {
        var (tenant, oldKey) = await Gateway.CreateTenantWithIdAsync("rotating");
        using var admin = Gateway.Client(Gateway.AdminKey);
        // Used first, so the old key sits in the gateway's cache when it is revoked.
        Assert.Equal(HttpStatusCode.OK, await Gateway.StatusWithKeyAsync(oldKey));

        var newKey = (await admin.CreateKeyAsync(tenant, "next")).GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await Gateway.StatusWithKeyAsync(newKey));
        Assert.Equal(HttpStatusCode.OK, await Gateway.StatusWithKeyAsync(oldKey));

        var oldId = (await admin.ListKeysAsync(tenant))[0].GetProperty("id").GetGuid();
        await (await admin.RevokeKeyAsync(tenant, oldId)).AssertStatusAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, await Gateway.StatusWithKeyAsync(oldKey));
        Assert.Equal(HttpStatusCode.OK, await Gateway.StatusWithKeyAsync(newKey));
        await (await admin.RevokeKeyAsync(tenant, oldId)).AssertStatusAsync(HttpStatusCode.NoContent);
        var listed = await admin.ListKeysAsync(tenant);
        Assert.NotEqual(JsonValueKind.Null, listed[0].GetProperty("revokedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, listed[1].GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task A_used_key_shows_when_it_was_last_used()
    {
        var (tenant, key) = await Gateway.CreateTenantWithIdAsync("last use");
        using var admin = Gateway.Client(Gateway.AdminKey);
        Assert.Equal(JsonValueKind.Null, (await admin.ListKeysAsync(tenant))[0].GetProperty("lastUsedAt").ValueKind);

        Assert.Equal(HttpStatusCode.OK, await Gateway.StatusWithKeyAsync(key));

        await Eventually.TrueAsync(
            async () => (await admin.ListKeysAsync(tenant))[0].GetProperty("lastUsedAt").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(15), "the key's lastUsedAt to be written");
    }

    [Fact]
    public async Task Keys_past_the_cap_are_refused_with_a_409_naming_it_until_one_is_revoked()
    {
        var (tenant, _) = await Gateway.CreateTenantWithIdAsync("capped");
        using var admin = Gateway.Client(Gateway.AdminKey);
        for (var i = 1; i < DefaultCap; i++)
        {
            await admin.CreateKeyAsync(tenant, $"key {i}");
        }

        var refused = await (await admin.PostJsonAsync($"/admin/tenants/{tenant}/keys", "{}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Auth:MaxActiveKeysPerTenant", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(DefaultCap, refused.GetProperty("limit").GetInt32());

        var someId = (await admin.ListKeysAsync(tenant))[2].GetProperty("id").GetGuid();
        await (await admin.RevokeKeyAsync(tenant, someId)).AssertStatusAsync(HttpStatusCode.NoContent);
        var unnamed = await (await admin.PostAsync($"/admin/tenants/{tenant}/keys", null)).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(JsonValueKind.Null, unnamed.GetProperty("name").ValueKind);
    }

    [Fact]
    public async Task Keys_made_at_the_same_moment_do_not_pass_the_cap_together()
    {
        var (tenant, _) = await Gateway.CreateTenantWithIdAsync("racing");
        using var admin = Gateway.Client(Gateway.AdminKey);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            admin.PostJsonAsync($"/admin/tenants/{tenant}/keys", $"{{\"name\":\"racer {i}\"}}")));

        Assert.Equal(DefaultCap - 1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(12 - (DefaultCap - 1), answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(DefaultCap, (await admin.ListKeysAsync(tenant)).GetArrayLength());
    }

    [Theory]
    [InlineData("POST", "/admin/tenants/not-a-guid/keys", "{}", HttpStatusCode.NotFound)]
    [InlineData("POST", "/admin/tenants/00000000-0000-0000-0000-000000000000/keys", "{}", HttpStatusCode.NotFound)]
    [InlineData("GET", "/admin/tenants/00000000-0000-0000-0000-000000000000/keys", null, HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/admin/tenants/{tenant}/keys/not-a-guid", null, HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/admin/tenants/{tenant}/keys/00000000-0000-0000-0000-000000000000", null, HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/admin/tenants/{tenant}/keys/{otherKey}", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "/admin/tenants/{tenant}/keys", "{\"name\":\"\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/tenants/{tenant}/keys", "{\"name\":\"   \"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/tenants/{tenant}/keys", "{\"name\":\"a\\u0000b\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/tenants/{tenant}/keys", "{\"name\":\"\\ud800\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/tenants/{tenant}/keys", "{\"name\":\"{long}\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/tenants/{tenant}/keys", "{\"name\":42}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/tenants/{tenant}/keys", "[1,2]", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/tenants/{tenant}/keys", "{\"name\":", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/tenants/{tenant}/keys", "null", HttpStatusCode.BadRequest)]
    public async Task Bad_ids_and_bodies_are_answered_400_or_404_as_problems(string method, string path, string? body, HttpStatusCode expected)
    {
        var (tenant, _) = await Gateway.CreateTenantWithIdAsync("bad input");
        var (other, _) = await Gateway.CreateTenantWithIdAsync("other");
        using var admin = Gateway.Client(Gateway.AdminKey);
        var otherKey = (await admin.ListKeysAsync(other))[0].GetProperty("id").GetString();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{tenant}", tenant.ToString()).Replace("{otherKey}", otherKey));
        if (body is not null)
        {
            request.Content = new StringContent(body.Replace("{long}", new string('k', 101)), Encoding.UTF8, "application/json");
        }

        await (await admin.SendAsync(request)).AssertProblemAsync(expected);
        Assert.Single((await admin.ListKeysAsync(other)).EnumerateArray(), k => k.GetProperty("revokedAt").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Tenant_keys_and_the_admin_session_cannot_reach_the_key_routes_without_being_admin()
    {
        var (tenant, key) = await Gateway.CreateTenantWithIdAsync("not admin");
        using var asTenant = Gateway.Client(key);
        using var anonymous = Gateway.Client(null);

        await (await asTenant.GetAsync($"/admin/tenants/{tenant}/keys")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await asTenant.PostJsonAsync($"/admin/tenants/{tenant}/keys", "{}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.DeleteAsync($"/admin/tenants/{tenant}/keys/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Key_actions_by_key_and_by_session_are_listed_newest_first_by_admin_events_with_who_did_them()
    {
        var (tenant, _) = await Gateway.CreateTenantWithIdAsync("audited");
        using var admin = Gateway.Client(Gateway.AdminKey);
        var keyId = (await admin.CreateKeyAsync(tenant, "<b>audited</b>")).GetProperty("id").GetGuid();
        var cookie = await Gateway.SignInAsync();
        using var browser = Gateway.BareClient();
        var revoke = new HttpRequestMessage(HttpMethod.Delete, $"/admin/tenants/{tenant}/keys/{keyId}").WithCookie(cookie);
        revoke.Headers.Add("X-Requested-With", "fetch");
        await (await browser.SendAsync(revoke)).AssertStatusAsync(HttpStatusCode.NoContent);

        var events = (await (await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/events?limit=200").WithCookie(cookie)))
                .AssertStatusAsync(HttpStatusCode.OK)).GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == tenant.ToString()).ToList();

        Assert.Equal(["key.revoke", "key.create", "tenant.create"], events.Select(e => e.GetProperty("action").GetString()));
        Assert.StartsWith("admin session from ", events[0].GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("admin key from 127.0.0.1", events[1].GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Equal(keyId, events[0].GetProperty("detail").GetProperty("keyId").GetGuid());
        Assert.Equal("<b>audited</b>", events[1].GetProperty("detail").GetProperty("name").GetString());
        Assert.Equal("audited", events[2].GetProperty("detail").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Changing_a_pools_bounds_and_image_is_recorded_as_admin_events()
    {
        using var admin = Gateway.Client(Gateway.AdminKey);
        var image = $"/opt/workers/{Guid.NewGuid():N}";

        await (await admin.PostJsonAsync("/admin/fleet/espeak/bounds", "{\"min\":0,\"max\":3}")).AssertStatusAsync(HttpStatusCode.OK);
        // No fleet provider here, so no image is refused: the change lands and must be recorded.
        await (await admin.PostJsonAsync("/admin/fleet/espeak/image", JsonSerializer.Serialize(new { image }))).AssertStatusAsync(HttpStatusCode.OK);

        var events = (await (await admin.GetAsync("/admin/events")).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("events")
            .EnumerateArray().Where(e => e.GetProperty("target").GetString() == "espeak").ToList();
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "pool.bounds"
                                     && e.GetProperty("detail").GetProperty("max").GetInt32() == 3);
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "pool.image"
                                     && e.GetProperty("detail").GetProperty("image").GetString() == image);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("ten")]
    public async Task Admin_events_refuse_a_limit_outside_1_to_200(string limit)
    {
        using var admin = Gateway.Client(Gateway.AdminKey);

        var problem = await (await admin.GetAsync($"/admin/events?limit={limit}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("limit", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_ops_page_shows_admin_events_as_text_from_the_admin_events_call()
    {
        using var admin = Gateway.Client(Gateway.AdminKey);
        admin.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var html = await (await admin.GetAsync("/ops")).Content.ReadAsStringAsync();
        var script = await (await admin.GetAsync("/ui/ops.js")).Content.ReadAsStringAsync();

        Assert.Contains("id=\"admin-events\"", html, StringComparison.Ordinal);
        Assert.Contains("/admin/events?limit=", script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
    }
}
