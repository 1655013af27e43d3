using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// One gateway for the login bursts, with the throttle's cap cut to 2 s so that waiting out a delay takes real
/// seconds, not a minute (a gateway's clock cannot be driven from outside its process).
/// </summary>
public sealed class LoginBurstFixture : IAsyncLifetime
{
    public const int FreeFailures = 3;
    public const int MaxDelaySeconds = 2;

    public GatewayInstance Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateEmptyDatabaseAsync("loginburst");
        Gateway = await GatewayInstance.StartAsync(database, new Dictionary<string, string>
        {
            ["Auth__Login__FreeFailures"] = $"{FreeFailures}",
            ["Auth__Login__MaxDelaySeconds"] = $"{MaxDelaySeconds}",
        });
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
