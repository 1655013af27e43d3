using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Hostile;

/// <summary>
/// A tenant trying to make the gateway POST into its own network (server-side request forgery) through
/// <c>webhookUrl</c>, on a gateway with no webhook allow-list: refused at submit, and again at delivery, where the
/// host is resolved. Nothing here ever sends to a non-loopback address.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SsrfWebhookTests(GatewayFixture fixture, ITestOutputHelper output)
{
    private GatewayInstance Gateway => fixture.Gateway;

    [Fact]
    public async Task Every_spelling_of_a_private_webhook_destination_is_a_400_naming_webhookUrl()
    {
        using var client = Gateway.Client(fixture.TenantA);
        foreach (var url in SsrfSpellings.Refused)
        {
            var json = JsonSerializer.Serialize(new { text = "Call me back.", webhookUrl = url });
            var response = await client.PostJsonAsync("/v1/jobs", json);
            await HostileAnswer.AssertWellBehavedAsync(response, ErrorShape.Problem, $"POST /v1/jobs {json}");
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal("webhookUrl", problem.GetProperty("field").GetString());
            output.WriteLine($"{url} -> 400: {problem.GetProperty("detail").GetString()}");
        }

        output.WriteLine($"{SsrfSpellings.Refused.Length} spellings tried, {SsrfSpellings.Refused.Length} refused at submit.");
    }

    [Fact]
    public async Task A_queued_delivery_to_a_refused_destination_is_given_up_at_its_first_attempt_and_never_connects()
    {
        var tenant = await Gateway.CreateTenantAsync("ssrf at delivery");
        using var client = Gateway.Client(tenant);
        using var trap = new TcpListener(IPAddress.Loopback, 0);
        trap.Start();
        var port = ((IPEndPoint)trap.LocalEndpoint).Port;
        var connections = 0;
        var counting = CountConnectionsAsync(trap, () => Interlocked.Increment(ref connections));

        // Host names resolved only at delivery (localhost, and this machine's name where it is loopback, as in a
        // container's /etc/hosts) and literal spellings, as queued before the submit check existed.
        List<string> hosts = ["localhost", "127.0.0.1", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]"];
        var machine = Dns.GetHostName();
        var machineAddresses = await Dns.GetHostAddressesAsync(machine);
        output.WriteLine($"This machine, {machine}, resolves to {string.Join(", ", machineAddresses.Select(a => a.ToString()))}.");
        if (machineAddresses.Length > 0 && machineAddresses.All(IPAddress.IsLoopback))
        {
            hosts.Add(machine);
        }

        await using var database = NpgsqlDataSource.Create(Gateway.ConnectionString);
        var jobIds = new List<Guid>();
        foreach (var host in hosts)
        {
            var job = await (await client.SubmitAsync(new { text = "Call me back." })).AssertStatusAsync(HttpStatusCode.Accepted);
            jobIds.Add(job.GetProperty("id").GetGuid());
            await using var queue = database.CreateCommand("INSERT INTO webhook_deliveries (job_id, url) VALUES ($1, $2)");
            queue.Parameters.AddWithValue(jobIds[^1]);
            queue.Parameters.AddWithValue($"http://{host}:{port}/hooks/");
            await queue.ExecuteNonQueryAsync();
        }

        var outcomes = await Eventually.ReturnsAsync(
            () => OutcomesAsync(database, jobIds),
            rows => rows.Count == hosts.Count && rows.All(row => row.GaveUp),
            TimeSpan.FromSeconds(60), "every refused delivery to be given up");

        foreach (var (url, attempts, error, delivered, _) in outcomes)
        {
            output.WriteLine($"{url}: {attempts} attempt(s), {error}");
            Assert.Equal(1, attempts);
            Assert.False(delivered);
            Assert.StartsWith("refused destination:", error, StringComparison.Ordinal);
        }

        Assert.Equal(0, Volatile.Read(ref connections));
        trap.Stop();
        await counting;
        foreach (var id in jobIds)
        {
            (await client.DeleteAsync($"/v1/jobs/{id}")).Dispose();
        }
    }

    private static async Task<List<(string Url, int Attempts, string? Error, bool Delivered, bool GaveUp)>> OutcomesAsync(
        NpgsqlDataSource database, List<Guid> jobIds)
    {
        await using var read = database.CreateCommand("""
            SELECT url, attempts, last_error, delivered_at IS NOT NULL, gave_up_at IS NOT NULL
            FROM webhook_deliveries WHERE job_id = ANY($1)
            """);
        read.Parameters.AddWithValue(jobIds.ToArray());
        await using var reader = await read.ExecuteReaderAsync();
        var rows = new List<(string, int, string?, bool, bool)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3), reader.GetBoolean(4)));
        }

        return rows;
    }

    private static async Task CountConnectionsAsync(TcpListener listener, Action connected)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                connected();
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }
}
