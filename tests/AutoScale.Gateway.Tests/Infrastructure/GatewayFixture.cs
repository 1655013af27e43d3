using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Infrastructure;

/// <summary>One gateway process on a fresh database, with two tenants, shared by the API tests.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public GatewayInstance Gateway { get; private set; } = null!;

    public string TenantA { get; private set; } = "";

    public string TenantB { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // The login tests here send wrong keys on purpose; the throttle itself is tested in Hostile/LoginBurstTests.
        Gateway = await GatewayInstance.StartAsync(await TestPostgres.CreateEmptyDatabaseAsync("gatewayapi"),
            new Dictionary<string, string> { ["Auth__Login__FreeFailures"] = "50" });
        TenantA = await Gateway.CreateTenantAsync("tenant a");
        TenantB = await Gateway.CreateTenantAsync("tenant b");
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
