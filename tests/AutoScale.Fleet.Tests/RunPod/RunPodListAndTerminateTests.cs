using AutoScale.Fleet.Providers;

namespace AutoScale.Fleet.Tests.RunPod;

public sealed class RunPodListAndTerminateTests
{
    [Fact]
    public async Task Listing_returns_only_pods_named_with_the_fleet_prefix_with_their_pool_status_and_cost()
    {
        await using var harness = await RunPodHarness.StartAsync();
        var server = harness.Server;
        server.AddPod("my-jupyter-notebook", "RUNNING");
        server.AddPod("autoscaler-lookalike-1", "RUNNING");
        var running = server.AddPod("autoscale-espeak-a1b2c3", "RUNNING", new Dictionary<string, string> { ["Worker__Pool"] = "espeak" });
        var starting = server.AddPod("autoscale-piper-hq-d4e5f6", "STARTING");
        var provisioning = server.AddPod("autoscale-espeak-x9", "PROVISIONING");
        var exited = server.AddPod("autoscale-espeak-g7h8i9", "EXITED");
        var failed = server.AddPod("autoscale-espeak-j1k2l3", "ERROR");
        server.AddPod("autoscale-espeak-m4n5o6", "TERMINATED");

        var workers = (await harness.Provider.ListAsync(CancellationToken.None)).ToDictionary(worker => worker.ProviderId);

        Assert.Equal(new[] { running, starting, provisioning, exited, failed }.Order(StringComparer.Ordinal), workers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ProviderWorkerStatus.Running, workers[running].Status);
        Assert.Equal(ProviderWorkerStatus.Starting, workers[starting].Status);
        Assert.Equal(ProviderWorkerStatus.Starting, workers[provisioning].Status);
        Assert.Equal(ProviderWorkerStatus.Exited, workers[exited].Status);
        Assert.Equal(ProviderWorkerStatus.Exited, workers[failed].Status);
        Assert.Equal("espeak", workers[running].Pool);
        Assert.Equal("piper-hq", workers[starting].Pool); // no env: parsed from {prefix}{pool}-{suffix}
        Assert.Equal("autoscale-espeak-a1b2c3", workers[running].WorkerId);
        Assert.Equal(0.69m, workers[running].CostPerHourUsd);
        Assert.Equal(0m, workers[exited].CostPerHourUsd);
        Assert.True(workers[running].CreatedAt < DateTimeOffset.UtcNow);
        Assert.Equal("Bearer " + FakeRunPodServer.ApiKey, Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task A_provisioned_worker_is_listed()
    {
        await using var harness = await RunPodHarness.StartAsync();
        var worker = await harness.Provider.ProvisionAsync(RunPodHarness.Request("piper"), CancellationToken.None);

        var listed = Assert.Single(await harness.Provider.ListAsync(CancellationToken.None));

        Assert.Equal(worker, listed);
    }

    [Fact]
    public async Task Terminating_deletes_the_pod()
    {
        await using var harness = await RunPodHarness.StartAsync();
        var id = harness.Server.AddPod("autoscale-espeak-a1b2c3");

        await harness.Provider.TerminateAsync(id, CancellationToken.None);

        Assert.False(harness.Server.HasPod(id));
        Assert.Contains(harness.Server.Requests, request => request.Method == "DELETE" && request.Path == $"/v2/pods/{id}");
    }

    [Fact]
    public async Task Terminating_an_unknown_pod_counts_as_done()
    {
        await using var harness = await RunPodHarness.StartAsync();
        var id = harness.Server.AddPod("autoscale-espeak-a1b2c3");
        await harness.Provider.TerminateAsync(id, CancellationToken.None);

        await harness.Provider.TerminateAsync(id, CancellationToken.None);
        await harness.Provider.TerminateAsync("nosuchpod00000", CancellationToken.None);
    }

    [Fact]
    public async Task A_delete_answered_404_counts_as_done()
    {
        await using var harness = await RunPodHarness.StartAsync();
        var id = harness.Server.AddPod("autoscale-espeak-a1b2c3");
        harness.Server.FailNext("DELETE", new ScriptedFailure(404, "pod not found"));

        await harness.Provider.TerminateAsync(id, CancellationToken.None);

        Assert.Single(harness.Server.Requests, request => request.Method == "DELETE");
    }

    [Fact]
    public async Task A_pod_that_is_not_the_fleets_is_never_terminated()
    {
        await using var harness = await RunPodHarness.StartAsync();
        var notebook = harness.Server.AddPod("my-jupyter-notebook");

        await Assert.ThrowsAsync<FleetProviderException>(() => harness.Provider.TerminateAsync(notebook, CancellationToken.None));

        Assert.True(harness.Server.HasPod(notebook));
        Assert.DoesNotContain(harness.Server.Requests, request => request.Method == "DELETE");
    }

    [Fact]
    public async Task Listing_and_terminating_ride_out_a_server_error()
    {
        await using var harness = await RunPodHarness.StartAsync();
        var id = harness.Server.AddPod("autoscale-espeak-a1b2c3");
        harness.Server.FailNext("GET", new ScriptedFailure(503, "upstream unavailable"));
        harness.Server.FailNext("DELETE", new ScriptedFailure(500, "something went wrong"));

        Assert.Single(await harness.Provider.ListAsync(CancellationToken.None));
        await harness.Provider.TerminateAsync(id, CancellationToken.None);

        Assert.False(harness.Server.HasPod(id));
        Assert.Equal(2, harness.Server.Requests.Count(request => request.Method == "DELETE"));
    }
}
