using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Webhooks;
using AutoScale.Gateway.Webhooks.Destinations;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Tests.Webhooks;

/// <summary>The guard as the webhook client's connect step, against a receiver on loopback.</summary>
public sealed class WebhookConnectTests
{
    private static HttpClient Client(params string[] allowedHosts)
    {
        var guard = new WebhookDestinationGuard(Options.Create(new WebhookOptions { AllowedHosts = allowedHosts }));
        return new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, UseProxy = false, AllowAutoRedirect = false });
    }

    [Fact]
    public async Task A_refused_destination_fails_before_any_connection_is_made()
    {
        await using var receiver = new WebhookReceiver(failFirst: 0);
        var port = new Uri(receiver.Url).Port;
        using var client = Client();

        foreach (var host in new[] { "127.0.0.1", "localhost", "2130706433", "[::ffff:127.0.0.1]" })
        {
            var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://{host}:{port}/hooks/", null));
            Assert.IsType<WebhookDestinationRefusedException>(failure.InnerException);
        }

        Assert.Equal(0, Volatile.Read(ref receiver.Attempts));
    }

    [Fact]
    public async Task An_allowed_loopback_receiver_is_reached_through_the_checked_address()
    {
        await using var receiver = new WebhookReceiver(failFirst: 0);
        using var client = Client("127.0.0.1");

        using var response = await client.PostAsync(receiver.Url, new StringContent("{}"));

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        Assert.Single(receiver.Received);
    }
}
