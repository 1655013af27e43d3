using System.Net;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Fleet;

/// <summary>
/// Two gateways of one local fleet on one machine (<c>GATEWAYS=2 ./run.sh</c>): the workers belong to the machine, so
/// a gateway that stops while the other runs leaves them running for it, and only the last one stops them.
/// </summary>
public sealed class SeveralGatewaysLocalFleetTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_gateway_that_stops_while_another_runs_leaves_the_workers_to_it_and_the_last_one_stops_them()
    {
        await using var fleet = await LocalFleet.StartAsync("fleettwogateways", maxWorkers: 1, idleSeconds: 600, new Dictionary<string, string>
        {
            ["Cluster__JobDirectory"] = "postgres",
            ["Fleet__Pools__espeak__MinWorkers"] = "1",
        });
        var survivor = await fleet.StartAnotherGatewayAsync();
        await fleet.WaitForAsync(workers => workers.Any(w => w.GetProperty("state").GetString() == "ready"), TimeSpan.FromSeconds(120), "a ready worker");
        var workers = FleetProcesses.Running(fleet.NamePrefix).Order().ToList();
        Assert.Single(workers);

        Assert.True(await fleet.Gateway.Process.StopAsync(TimeSpan.FromSeconds(60)), "the first gateway did not stop within 60 s");
        Assert.Equal(workers, FleetProcesses.Running(fleet.NamePrefix).Order().ToList());

        // The survivor serves with the worker left to it: its scaler (moved over) still counts it, and a job runs on it.
        using var admin = survivor.Client(survivor.AdminKey);
        await Eventually.TrueAsync(
            async () => LocalFleet.LiveWorkersOf(await (await admin.GetAsync("/admin/fleet")).JsonAsync())
                .Any(w => w.GetProperty("state").GetString() == "ready"),
            TimeSpan.FromSeconds(90), "the survivor's scaler to see the ready worker");
        using var client = survivor.Client(await survivor.CreateTenantAsync("survivor"));
        var job = await (await client.SubmitAsync(new { text = "Spoken by the worker the first gateway left running." }))
            .AssertStatusAsync(HttpStatusCode.Accepted);
        var id = job.GetProperty("id").GetString();
        var done = await Eventually.ReturnsAsync(
            async () => await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync(),
            j => j.GetProperty("status").GetString() is "succeeded" or "failed", TimeSpan.FromSeconds(90), $"job {id} to finish");
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal(workers, FleetProcesses.Running(fleet.NamePrefix).Order().ToList());

        Assert.True(await survivor.Process.StopAsync(TimeSpan.FromSeconds(90)), "the last gateway did not stop within 90 s");
        await Eventually.TrueAsync(
            () => Task.FromResult(FleetProcesses.Running(fleet.NamePrefix).Count == 0), TimeSpan.FromSeconds(15), "the worker to be gone");
        output.WriteLine($"One worker ({workers[0]}) outlived the first gateway, served a job for the second, and stopped with it.");
    }
}
