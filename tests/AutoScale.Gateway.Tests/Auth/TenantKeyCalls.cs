using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;

namespace AutoScale.Gateway.Tests.Auth;

/// <summary>The admin calls of the key lifecycle, as the tests make them.</summary>
public static class TenantKeyCalls
{
    /// <summary>Creates a tenant and returns its id and first key.</summary>
    public static async Task<(Guid TenantId, string Key)> CreateTenantWithIdAsync(this GatewayInstance gateway, string name)
    {
        using var admin = gateway.Client(gateway.AdminKey);
        var body = await (await admin.PostAsJsonAsync("/admin/tenants", new { name })).AssertStatusAsync(HttpStatusCode.Created);
        return (body.GetProperty("tenantId").GetGuid(), body.GetProperty("apiKey").GetString()!);
    }

    /// <summary>Makes a key (201 asserted) and returns the answer: id, name, prefix, key, createdAt.</summary>
    public static async Task<JsonElement> CreateKeyAsync(this HttpClient admin, Guid tenantId, string? name = null) =>
        await (await admin.PostJsonAsync($"/admin/tenants/{tenantId}/keys", JsonSerializer.Serialize(new { name })))
            .AssertStatusAsync(HttpStatusCode.Created);

    public static Task<HttpResponseMessage> RevokeKeyAsync(this HttpClient admin, Guid tenantId, Guid keyId) =>
        admin.DeleteAsync($"/admin/tenants/{tenantId}/keys/{keyId}");

    public static async Task<JsonElement> ListKeysAsync(this HttpClient admin, Guid tenantId) =>
        (await (await admin.GetAsync($"/admin/tenants/{tenantId}/keys")).AssertStatusAsync(HttpStatusCode.OK)).GetProperty("keys");

    /// <summary>The status a tenant key gets on a cheap tenant route.</summary>
    public static async Task<HttpStatusCode> StatusWithKeyAsync(this GatewayInstance gateway, string key)
    {
        using var client = gateway.Client(key);
        return (await client.GetAsync("/v1/jobs?limit=1")).StatusCode;
    }
}
