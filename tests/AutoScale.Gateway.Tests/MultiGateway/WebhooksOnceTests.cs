using System.Net;
using System.Text.Json;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Npgsql;

namespace AutoScale.Gateway.Tests.MultiGateway;

/// <summary>Both gateways run a webhook dispatcher; each finished job's webhook still arrives once.</summary>
[Collection(TwoGatewaysCollection.Name)]
public sealed class WebhooksOnceTests(TwoGateways cluster)
{
    [Fact]
    public async Task Each_finished_jobs_webhook_is_delivered_once_while_both_gateways_dispatch()
    {
        await using var receiver = new WebhookReceiver(failFirst: 0);
        var key = await cluster.A.CreateTenantAsync("hooks");
        using var onA = cluster.A.Client(key);
        using var onB = cluster.B.Client(key);

        var ids = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            var response = await (i % 2 == 0 ? onA : onB).SubmitAsync(new { text = $"Webhook number {i}.", webhookUrl = receiver.Url });
            ids.Add((await response.AssertStatusAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid());
        }

        await Eventually.TrueAsync(async () => await DeliveredAsync(ids) == ids.Count, TimeSpan.FromSeconds(90), "every webhook to be delivered");

        var received = receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(ids.Order(), received.Order());
        Assert.Equal(ids.Count, receiver.Attempts);
    }

    private async Task<long> DeliveredAsync(IReadOnlyList<Guid> ids)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.Database);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM webhook_deliveries WHERE job_id = ANY($1) AND delivered_at IS NOT NULL");
        command.Parameters.AddWithValue(ids.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
