using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Auth.KeyRing;
using AutoScale.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AutoScale.Gateway.Tests.Auth;

/// <summary>Two gateways' Data Protection, in one process, over one database's key table.</summary>
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private NpgsqlDataSource _database = null!;

    public async Task InitializeAsync() => _database = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync("keyring"));

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Two_gateways_starting_at_the_same_moment_make_one_first_key_and_read_each_others_payloads()
    {
        await using var first = Gateway();
        await using var second = Gateway();

        using var start = new Barrier(2);
        await Task.WhenAll(new[] { first, second }.Select(gateway => Task.Run(async () =>
        {
            start.SignalAndWait();
            await gateway.GetServices<IHostedService>().OfType<FirstKeyCreator>().Single().StartAsync(CancellationToken.None);
        })));

        Assert.Equal(1, await KeyCountAsync());
        var firstProtector = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var secondProtector = second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("from the first", secondProtector.Unprotect(firstProtector.Protect("from the first")));
        Assert.Equal("from the second", firstProtector.Unprotect(secondProtector.Protect("from the second")));
        Assert.Equal(1, await KeyCountAsync());
    }

    [Fact]
    public async Task A_gateway_started_later_uses_the_key_already_there()
    {
        await using var first = Gateway();
        await first.GetServices<IHostedService>().OfType<FirstKeyCreator>().Single().StartAsync(CancellationToken.None);
        var payload = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("kept");

        await using var later = Gateway();
        await later.GetServices<IHostedService>().OfType<FirstKeyCreator>().Single().StartAsync(CancellationToken.None);

        Assert.Equal(1, await KeyCountAsync());
        Assert.Equal("kept", later.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(payload));
    }

    // A gateway's Data Protection, without the rest of it.
    private ServiceProvider Gateway()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSharedDataProtection();
        return services.BuildServiceProvider();
    }

    private async Task<long> KeyCountAsync()
    {
        await using var command = _database.CreateCommand("SELECT count(*) FROM data_protection_keys");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
