using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Quotas;

/// <summary>
/// One gateway on a fresh database and no worker, so accepted jobs stay queued (open) until cancelled; each test
/// makes its own tenants. With helpers for the quota and usage routes.
/// </summary>
public sealed class QuotaGateway : IAsyncLifetime
{
    public GatewayInstance Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayInstance.StartAsync(
        await TestPostgres.CreateEmptyDatabaseAsync("quotas"),
        new Dictionary<string, string> { ["RateLimiting__PermitsPerSecond"] = "1000", ["RateLimiting__Burst"] = "1000" });

    public async Task DisposeAsync() => await Gateway.DisposeAsync();

    public static Task<(Guid Id, string Key)> CreateTenantAsync(GatewayInstance gateway, string name) => TenantAsync(gateway, name);

    public Task<(Guid Id, string Key)> CreateTenantAsync(string name) => TenantAsync(Gateway, name);

    public static async Task<HttpResponseMessage> PutQuotasAsync(GatewayInstance gateway, Guid tenant, object quotas)
    {
        using var admin = gateway.Client(gateway.AdminKey);
        return await admin.PutAsync($"/admin/tenants/{tenant}/quotas",
            new StringContent(JsonSerializer.Serialize(quotas), Encoding.UTF8, "application/json"));
    }

    public Task<HttpResponseMessage> PutQuotasAsync(Guid tenant, object quotas) => PutQuotasAsync(Gateway, tenant, quotas);

    /// <summary>Speakable text of exactly <paramref name="characters"/> characters, as the jobs API counts them.</summary>
    public static string Text(int characters)
    {
        var text = new StringBuilder();
        while (text.Length < characters)
        {
            text.Append("la ");
        }

        text.Length = characters;
        text[^1] = '.';
        return text.ToString();
    }

    private static async Task<(Guid, string)> TenantAsync(GatewayInstance gateway, string name)
    {
        using var admin = gateway.Client(gateway.AdminKey);
        var created = await (await admin.PostAsJsonAsync("/admin/tenants", new { name })).AssertStatusAsync(HttpStatusCode.Created);
        return (created.GetProperty("tenantId").GetGuid(), created.GetProperty("apiKey").GetString()!);
    }
}
