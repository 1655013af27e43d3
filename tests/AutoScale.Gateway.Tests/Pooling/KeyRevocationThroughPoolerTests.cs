using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Gateway.Tests.MultiGateway;
using AutoScale.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Pooling;

/// <summary>Revocation reaches another gateway in time with every connection multiplexed by a transaction-mode PgBouncer.</summary>
public sealed class KeyRevocationThroughPoolerTests(ITestOutputHelper output)
{
    [PgBouncerFact]
    public async Task A_key_revoked_through_pgbouncer_is_refused_on_the_other_gateway_within_five_seconds()
    {
        var direct = await TestPostgres.CreateEmptyDatabaseAsync("poolkeys");
        await using var bouncer = await PgBouncerProcess.StartAsync(TestPostgres.Server, poolSize: 2);
        var pooled = bouncer.ConnectionStringFor(new NpgsqlConnectionStringBuilder(direct).Database!);
        await using var gateways = await GatewaySet.StartAsync(pooled, [null, null], new Dictionary<string, string>
        {
            ["Database__Pooler"] = "Transaction",
            ["Cluster__JobDirectory"] = "postgres",
            ["Auth__KeyCacheSeconds"] = "600",
        });

        await KeyRotationProbe.RevokeOnOneAndMeasureOnTheOtherAsync(gateways.Gateways[0]!, gateways.Gateways[1]!, output);
    }
}
