using System.ComponentModel.DataAnnotations;
using System.Net;
using AutoScale.Gateway.Tests.Hostile;
using AutoScale.Gateway.Webhooks;
using AutoScale.Gateway.Webhooks.Destinations;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Webhooks;

public sealed class WebhookDestinationPolicyTests(ITestOutputHelper output)
{
    private static WebhookDestinationGuard Guard(params string[] allowedHosts) =>
        new(Options.Create(new WebhookOptions { AllowedHosts = allowedHosts }));

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.45.6.7", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "shared address space")]
    [InlineData("100.127.255.255", "shared address space")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "this network")]
    [InlineData("::", "unspecified")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("192.0.0.170", "IETF")]
    [InlineData("198.19.255.1", "benchmarking")]
    [InlineData("203.0.113.9", "documentation")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fdff:ffff::1", "unique-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback, as IPv4-mapped IPv6")]
    [InlineData("::ffff:169.254.169.254", "link-local (incl. the cloud metadata service), as IPv4-mapped IPv6")]
    [InlineData("::ffff:192.168.1.1", "private (RFC 1918), as IPv4-mapped IPv6")]
    [InlineData("::10.0.0.1", "IPv4-compatible")]
    [InlineData("64:ff9b::7f00:1", "loopback, as NAT64")]
    [InlineData("64:ff9b:1::1", "local-use NAT64")]
    [InlineData("2002:a9fe:a9fe::1", "link-local (incl. the cloud metadata service), as 6to4")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("100::1", "discard-only")]
    [InlineData("4000::1", "not global unicast")]
    public void Addresses_outside_the_public_internet_are_refused_with_their_kind(string address, string kind)
    {
        var refusal = WebhookDestinationPolicy.Refusal(IPAddress.Parse(address));
        Assert.NotNull(refusal);
        Assert.Contains(kind, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Public_addresses_are_allowed(string address) =>
        Assert.Null(WebhookDestinationPolicy.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("0177.0.0.1", "127.0.0.1")]
    [InlineData("0x7f.0.0.1", "127.0.0.1")]
    [InlineData("0x7f000001", "127.0.0.1")]
    [InlineData("0X7F.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("127.0.1", "127.0.0.1")]
    [InlineData("127.0.0.1.", "127.0.0.1")]
    [InlineData("169.254.43518", "169.254.169.254")]
    [InlineData("0251.0376.0251.0376", "169.254.169.254")]
    [InlineData("0", "0.0.0.0")]
    [InlineData("0x", "0.0.0.0")]
    [InlineData("0x.0x.0x.0x", "0.0.0.0")]
    [InlineData("[::1]", "::1")]
    [InlineData("[::FFFF:7F00:1]", "::ffff:127.0.0.1")]
    public void Every_spelling_a_resolver_accepts_is_read_as_the_address_it_means(string host, string address) =>
        Assert.Equal(IPAddress.Parse(address), DestinationHost.Literal(host));

    [Theory]
    [InlineData("example.com")]
    [InlineData("127.0.0.1.example.com")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("4294967296")]
    [InlineData("08.0.0.1")]
    [InlineData("0xg.0.0.1")]
    public void Names_and_impossible_numbers_are_not_addresses(string host) => Assert.Null(DestinationHost.Literal(host));

    [Fact]
    public void Every_hostile_spelling_is_refused_at_submit_and_every_public_destination_passes()
    {
        var guard = Guard();
        foreach (var url in SsrfSpellings.Refused)
        {
            var parsed = Uri.TryCreate(url, UriKind.Absolute, out var uri);
            output.WriteLine($"{url} -> Uri host '{uri?.IdnHost}' ({uri?.HostNameType}): {(parsed ? guard.RefusalAtSubmit(uri!) : "not a URL")}");
            Assert.True(!parsed || guard.RefusalAtSubmit(uri!) is not null, $"{url} was not refused.");
        }

        foreach (var url in SsrfSpellings.Allowed)
        {
            Assert.Null(guard.RefusalAtSubmit(new Uri(url)));
        }
    }

    [Fact]
    public void Allowed_hosts_open_exactly_the_internal_receivers_an_operator_names()
    {
        var guard = Guard("127.0.0.1", "hooks.internal", "[fd00::5]");
        Assert.Null(guard.RefusalAtSubmit(new Uri("http://127.0.0.1:9000/hooks")));
        Assert.Null(guard.RefusalAtSubmit(new Uri("http://2130706433:9000/hooks")));
        Assert.Null(guard.RefusalAtSubmit(new Uri("http://[::ffff:127.0.0.1]:9000/hooks")));
        Assert.Null(guard.RefusalAtSubmit(new Uri("http://HOOKS.internal./x")));
        Assert.Null(guard.RefusalAtSubmit(new Uri("http://[fd00::5]/x")));
        Assert.NotNull(guard.RefusalAtSubmit(new Uri("http://127.0.0.2/hooks")));
        Assert.NotNull(guard.RefusalAtSubmit(new Uri("http://localhost/hooks")));
        Assert.NotNull(guard.RefusalAtSubmit(new Uri("http://169.254.169.254/")));

        var open = new WebhookDestinationGuard(Options.Create(new WebhookOptions { AllowPrivateDestinations = true }));
        Assert.Null(open.RefusalAtSubmit(new Uri("http://169.254.169.254/")));
        Assert.Null(open.RefusalAtSubmit(new Uri("http://localhost/")));
    }

    [Fact]
    public async Task At_delivery_a_name_is_refused_for_the_address_it_resolves_to()
    {
        // "localhost" resolves from /etc/hosts (no network); the name check at submit is not what refuses it here.
        var refused = await Assert.ThrowsAsync<WebhookDestinationRefusedException>(() => Guard().ResolveAsync("localhost", CancellationToken.None));
        output.WriteLine(refused.Message);
        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);

        await Assert.ThrowsAsync<WebhookDestinationRefusedException>(() => Guard().ResolveAsync("0x7f.1", CancellationToken.None));
        Assert.Equal(new[] { IPAddress.Loopback }, await Guard("127.0.0.1").ResolveAsync("2130706433", CancellationToken.None));
        Assert.Equal(new[] { IPAddress.Parse("93.184.215.14") }, await Guard().ResolveAsync("93.184.215.14", CancellationToken.None));
    }

    [Theory]
    [InlineData("http://hooks.internal/")]
    [InlineData("hooks.internal/x")]
    [InlineData("user@hooks.internal")]
    [InlineData(" ")]
    public void An_allowed_host_written_as_a_url_fails_validation_at_start_up(string host)
    {
        var options = new WebhookOptions { AllowedHosts = ["127.0.0.1", host] };
        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(WebhookOptions.AllowedHosts)));
    }
}
