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
        Gateway = await GatewayInstance.StartAsync(await TestPostgres.CreateEmptyDatabaseAsync("gatewayapi"));
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
