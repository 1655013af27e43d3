using System.ComponentModel.DataAnnotations;
using System.Net;
using AutoScale.Gateway.Auth.LoginThrottling;
using AutoScale.Gateway.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Tests.Network;

/// <summary>What start-up accepts for trusted proxies and the sign-in throttle, and what the forwarded-header middleware is given.</summary>
public sealed class ClientAddressOptionsTests
{
    [Theory]
    [InlineData("172.28.0.30")]
    [InlineData("10.0.0.0/8")]
    [InlineData("fd00::/8")]
    [InlineData("2001:db8::7")]
    public void A_trusted_proxy_may_be_an_address_or_a_network(string entry)
    {
        Assert.Empty(Errors(new TrustedProxyOptions { TrustedProxies = [entry] }));
    }

    [Theory]
    [InlineData("haproxy")]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("*")]
    public void Anything_else_stops_the_gateway_at_start_naming_the_entry(string entry)
    {
        var error = Assert.Single(Errors(new TrustedProxyOptions { TrustedProxies = [entry] }));

        Assert.Contains($"'{entry}'", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Network:TrustedProxies", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    [InlineData(0, false)]
    public void The_login_delay_may_never_exceed_a_minute(int maxDelaySeconds, bool valid)
    {
        Assert.Equal(valid, Errors(new LoginThrottleOptions { MaxDelaySeconds = maxDelaySeconds }).Count == 0);
    }

    [Fact]
    public void Only_this_hosts_own_proxy_addresses_and_the_configured_ones_are_trusted()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Network:TrustedProxies:0"] = "172.28.0.30" }).Build());
        services.AddClientAddresses();
        using var provider = services.BuildServiceProvider();

        var forwarded = provider.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Equal(ForwardedHeaders.XForwardedFor, forwarded.ForwardedHeaders);
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], forwarded.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("172.28.0.30/32")], forwarded.KnownIPNetworks);
    }

    private static List<ValidationResult> Errors(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
