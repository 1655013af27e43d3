using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.MultiGateway;

/// <summary>
/// A key revoked on one gateway is refused by another within the 5 s, although that one had the key cached
/// as valid for ten minutes (<c>Auth:KeyCacheSeconds</c>): two real gateways on one database.
/// </summary>
public sealed class KeyRevocationAcrossGatewaysTests(ITestOutputHelper output) : IAsyncLifetime
{
    private GatewaySet _gateways = null!;

    public async Task InitializeAsync() =>
        _gateways = await GatewaySet.StartAsync(
            await TestPostgres.CreateEmptyDatabaseAsync("keyrevocation"), [null, null],
            new Dictionary<string, string> { ["Cluster__JobDirectory"] = "postgres", ["Auth__KeyCacheSeconds"] = "600" });

    public async Task DisposeAsync() => await _gateways.DisposeAsync();

    [Fact]
    public Task A_key_revoked_on_one_gateway_is_refused_on_the_other_within_five_seconds() =>
        KeyRotationProbe.RevokeOnOneAndMeasureOnTheOtherAsync(_gateways.Gateways[0]!, _gateways.Gateways[1]!, output);
}
