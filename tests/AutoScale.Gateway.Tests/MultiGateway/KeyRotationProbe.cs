using System.Diagnostics;
using System.Net;
using AutoScale.Gateway.Tests.Auth;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.MultiGateway;

/// <summary>Revokes a key on one gateway and times until another refuses it (the issue's target: 5 s).</summary>
public static class KeyRotationProbe
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Rotates a tenant's key on <paramref name="one"/> after <paramref name="two"/> cached both keys, and asserts
    /// <paramref name="two"/> refuses the revoked key within the target and still takes the new one; prints the time.
    /// </summary>
    public static async Task RevokeOnOneAndMeasureOnTheOtherAsync(GatewayInstance one, GatewayInstance two, ITestOutputHelper output)
    {
        var (tenant, oldKey) = await one.CreateTenantWithIdAsync("rotates across gateways");
        using var admin = one.Client(one.AdminKey);
        var newKey = (await admin.CreateKeyAsync(tenant, "next")).GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await two.StatusWithKeyAsync(oldKey));
        Assert.Equal(HttpStatusCode.OK, await two.StatusWithKeyAsync(newKey));

        var oldId = (await admin.ListKeysAsync(tenant))[0].GetProperty("id").GetGuid();
        var clock = Stopwatch.StartNew();
        await (await admin.RevokeKeyAsync(tenant, oldId)).AssertStatusAsync(HttpStatusCode.NoContent);
        var revokedAfter = clock.Elapsed;
        Assert.Equal(HttpStatusCode.Unauthorized, await one.StatusWithKeyAsync(oldKey));
        await Eventually.TrueAsync(
            async () => await two.StatusWithKeyAsync(oldKey) == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(30), "gateway two to refuse the revoked key");
        var refusedAfter = clock.Elapsed;

        output.WriteLine($"Revoke call took {revokedAfter.TotalMilliseconds:F0} ms; gateway two refused the key "
                         + $"{refusedAfter.TotalMilliseconds:F0} ms after the call began (target {Target.TotalSeconds:F0} s; "
                         + $"load {File.ReadAllText("/proc/loadavg").Trim()}).");
        Assert.True(refusedAfter < Target, $"gateway two still took the revoked key {refusedAfter.TotalSeconds:F1} s after revoking");
        Assert.Equal(HttpStatusCode.OK, await two.StatusWithKeyAsync(newKey));
        Assert.Equal(HttpStatusCode.OK, await one.StatusWithKeyAsync(newKey));
        await Eventually.TrueAsync(
            async () => (await admin.ListKeysAsync(tenant))[1].GetProperty("lastUsedAt").ValueKind == System.Text.Json.JsonValueKind.String,
            TimeSpan.FromSeconds(15), "the new key's lastUsedAt to be written");
    }
}
