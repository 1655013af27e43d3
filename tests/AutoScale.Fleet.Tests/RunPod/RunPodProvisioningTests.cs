using AutoScale.Fleet.Providers;

namespace AutoScale.Fleet.Tests.RunPod;

public sealed class RunPodProvisioningTests
{
    private const string Rtx4090 = "NVIDIA GeForce RTX 4090";
    private const string A5000 = "NVIDIA RTX A5000";
    private const string L4 = "NVIDIA L4";

    [Fact]
    public async Task A_create_sends_the_bearer_key_and_a_spec_shaped_body_for_a_public_symmetric_port_worker()
    {
        await using var harness = await RunPodHarness.StartAsync(new Dictionary<string, string?>
        {
            ["RunPod:MinCudaVersion"] = "12.4",
            ["RunPod:NetworkVolumeId"] = "vol_models01",
            ["RunPod:ContainerDiskGb"] = "30",
        });
        var request = RunPodHarness.Request();

        var worker = await harness.Provider.ProvisionAsync(request, CancellationToken.None);

        var create = Assert.Single(harness.Server.Creates);
        Assert.Equal($"Bearer {FakeRunPodServer.ApiKey}", create.Authorization);
        var body = create.Json;
        Assert.Equal(
            ["cloud", "disk", "env", "globalNetworking", "gpu", "image", "mounts", "name", "ports"],
            body.Select(property => property.Key).Order(StringComparer.Ordinal));
        Assert.Equal(request.WorkerId, (string?)body["name"]);
        Assert.Equal(RunPodHarness.Image, (string?)body["image"]);
        Assert.Equal(Rtx4090, (string?)body["gpu"]!["id"]);
        Assert.Equal(1, (int?)body["gpu"]!["count"]);
        Assert.Equal("12.4", (string?)body["gpu"]!["minCudaVersion"]);
        Assert.Equal("SECURE", (string?)body["cloud"]);
        Assert.Equal(30, (int?)body["disk"]);
        Assert.False((bool?)body["globalNetworking"]);
        Assert.Equal(["70000/tcp"], body["ports"]!.AsArray().Select(port => (string?)port));
        Assert.Equal("vol_models01", (string?)body["mounts"]!["network"]![0]!["volumeId"]);
        Assert.Equal("/models", (string?)body["mounts"]!["network"]![0]!["path"]);
        var env = body["env"]!.AsObject();
        Assert.Equal("true", (string?)env["Orleans__ListenOnAnyAddress"]);
        Assert.Equal("false", (string?)env["RunPod__GlobalNetworking"]);
        Assert.Equal("autoscale", (string?)env["Orleans__ClusterId"]);
        Assert.Equal("espeak", (string?)env["Worker__Pool"]);

        var pod = Assert.Single(harness.Server.Pods);
        Assert.Equal((string?)pod["id"], worker.ProviderId);
        Assert.Equal(request.WorkerId, worker.WorkerId);
        Assert.Equal("espeak", worker.Pool);
        Assert.Equal(RunPodHarness.Image, worker.Image);
        Assert.Equal(ProviderWorkerStatus.Starting, worker.Status);
        Assert.Equal(0.69m, worker.CostPerHourUsd);
    }

    [Fact]
    public async Task With_global_networking_a_worker_exposes_no_port_and_is_told_to_advertise_its_private_address()
    {
        await using var harness = await RunPodHarness.StartAsync(new Dictionary<string, string?> { ["RunPod:GlobalNetworking"] = "true" });

        await harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None);

        var body = Assert.Single(harness.Server.Creates).Json;
        Assert.True((bool?)body["globalNetworking"]);
        Assert.False(body.ContainsKey("ports"));
        Assert.False(body.ContainsKey("mounts"));
        Assert.Equal("true", (string?)body["env"]!["RunPod__GlobalNetworking"]);
    }

    [Fact]
    public async Task Capacity_refusals_fall_through_the_gpu_types_in_order_of_preference()
    {
        await using var harness = await RunPodHarness.StartAsync();
        harness.Server.NoCapacityFor(Rtx4090);
        harness.Server.NoCapacityFor(A5000);

        var worker = await harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None);

        Assert.Equal([Rtx4090, A5000, L4], harness.Server.Creates.Select(create => create.Candidate));
        Assert.Equal(0.43m, worker.CostPerHourUsd);
        Assert.Equal(L4, (string?)Assert.Single(harness.Server.Pods)["gpu"]!["id"]);
    }

    [Fact]
    public async Task Each_gpu_type_is_tried_in_every_preferred_data_center_before_the_next_type()
    {
        await using var harness = await RunPodHarness.StartAsync(new Dictionary<string, string?>
        {
            ["RunPod:GpuTypeIds:0"] = Rtx4090,
            ["RunPod:GpuTypeIds:1"] = L4,
            ["RunPod:DataCenterIds:0"] = "EU-RO-1",
            ["RunPod:DataCenterIds:1"] = "EU-SE-1",
        });
        harness.Server.NoCapacityFor(Rtx4090);
        harness.Server.NoCapacityFor(L4, "EU-RO-1");

        await harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None);

        Assert.Equal(
            [$"{Rtx4090}@EU-RO-1", $"{Rtx4090}@EU-SE-1", $"{L4}@EU-RO-1", $"{L4}@EU-SE-1"],
            harness.Server.Creates.Select(create => create.Candidate));
        Assert.Equal("EU-SE-1", (string?)Assert.Single(harness.Server.Pods)["dataCenterId"]);
    }

    [Fact]
    public async Task No_capacity_anywhere_is_a_capacity_exception_naming_every_candidate_tried()
    {
        await using var harness = await RunPodHarness.StartAsync();
        harness.Server.NoCapacityFor(Rtx4090);
        harness.Server.NoCapacityFor(A5000);
        harness.Server.NoCapacityFor(L4);

        var exception = await Assert.ThrowsAsync<FleetCapacityException>(
            () => harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None));

        Assert.Equal(3, harness.Server.Creates.Count);
        Assert.Contains(Rtx4090, exception.Message, StringComparison.Ordinal);
        Assert.Contains(A5000, exception.Message, StringComparison.Ordinal);
        Assert.Contains(L4, exception.Message, StringComparison.Ordinal);
        Assert.Contains("no instances currently available", exception.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Pods);
    }

    [Fact]
    public async Task A_pool_the_key_may_not_use_is_skipped()
    {
        await using var harness = await RunPodHarness.StartAsync();
        harness.Server.ForbidGpuType(Rtx4090);

        await harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None);

        Assert.Equal([Rtx4090, A5000], harness.Server.Creates.Select(create => create.Candidate));
    }

    [Fact]
    public async Task A_rate_limited_create_waits_the_retry_after_seconds_and_then_succeeds()
    {
        // The backoff delays are 10–50 ms here, so a wait of a second can only come from Retry-After.
        await using var harness = await RunPodHarness.StartAsync();
        harness.Server.FailNext("POST", new ScriptedFailure(429, "rate limit exceeded for the minute window", RetryAfterSeconds: 1));

        await harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None);

        var creates = harness.Server.Creates;
        Assert.Equal(2, creates.Count);
        Assert.Equal(creates[0].Candidate, creates[1].Candidate);
        Assert.InRange(creates[1].ReceivedAt - creates[0].ReceivedAt, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(10));
        Assert.Single(harness.Server.Pods);
    }

    [Fact]
    public async Task A_server_error_is_retried_on_the_same_candidate()
    {
        await using var harness = await RunPodHarness.StartAsync();
        harness.Server.FailNext("POST", new ScriptedFailure(503, "upstream unavailable"));

        await harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None);

        Assert.Equal([Rtx4090, Rtx4090], harness.Server.Creates.Select(create => create.Candidate));
        Assert.Single(harness.Server.Pods);
    }

    [Fact]
    public async Task A_create_that_failed_upstream_after_placing_the_pod_is_adopted_rather_than_repeated()
    {
        await using var harness = await RunPodHarness.StartAsync();
        harness.Server.FailNext("POST", new ScriptedFailure(502, "bad gateway", PlacePodAnyway: true));
        var request = RunPodHarness.Request();

        var worker = await harness.Provider.ProvisionAsync(request, CancellationToken.None);

        Assert.Single(harness.Server.Creates);
        var pod = Assert.Single(harness.Server.Pods);
        Assert.Equal((string?)pod["id"], worker.ProviderId);
        Assert.Equal(request.WorkerId, worker.WorkerId);
    }

    [Fact]
    public async Task Server_errors_that_do_not_stop_end_in_a_provider_exception_after_bounded_attempts()
    {
        await using var harness = await RunPodHarness.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            harness.Server.FailNext("POST", new ScriptedFailure(500, "something went wrong"));
        }

        var exception = await Assert.ThrowsAsync<FleetProviderException>(
            () => harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None));

        Assert.Equal(4, harness.Server.Creates.Count); // the first attempt and MaxRetryAttempts = 3 retries
        Assert.Contains("HTTP 500", exception.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Pods);
    }

    [Fact]
    public async Task Insufficient_balance_stops_at_once()
    {
        await using var harness = await RunPodHarness.StartAsync();
        harness.Server.FailNext("POST", new ScriptedFailure(402, "insufficient balance: add credit to deploy"));

        var exception = await Assert.ThrowsAsync<FleetProviderException>(
            () => harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None));

        Assert.Contains("insufficient balance", exception.Message, StringComparison.Ordinal);
        Assert.Single(harness.Server.Creates);
    }

    [Fact]
    public async Task A_contract_violation_is_reported_with_the_problem_detail_and_never_retried()
    {
        await using var harness = await RunPodHarness.StartAsync();
        harness.Server.FailNext("POST", new ScriptedFailure(422, "$.gpu.count: must be an integer >= 1"));

        var exception = await Assert.ThrowsAsync<FleetProviderException>(
            () => harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None));

        Assert.Contains("$.gpu.count: must be an integer >= 1", exception.Message, StringComparison.Ordinal);
        Assert.Single(harness.Server.Creates);
    }

    [Fact]
    public async Task A_rejected_api_key_is_reported_as_such_without_trying_further_candidates()
    {
        await using var harness = await RunPodHarness.StartAsync(apiKey: "rpa_WRONGKEY000000000000000000000000");

        var exception = await Assert.ThrowsAsync<FleetProviderException>(
            () => harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None));

        Assert.Contains("RunPod rejected the API key", exception.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Creates); // the existence check before creating already failed
    }

    [Fact]
    public async Task Provisioning_a_worker_id_whose_pod_exists_returns_that_pod_and_creates_nothing()
    {
        await using var harness = await RunPodHarness.StartAsync();
        var request = RunPodHarness.Request();
        var existing = harness.Server.AddPod(request.WorkerId, "RUNNING", request.Environment);

        var first = await harness.Provider.ProvisionAsync(request, CancellationToken.None);
        var second = await harness.Provider.ProvisionAsync(request, CancellationToken.None);

        Assert.Empty(harness.Server.Creates);
        Assert.Equal(existing, first.ProviderId);
        Assert.Equal(first, second);
        Assert.Equal(ProviderWorkerStatus.Running, first.Status);
    }

    [Fact]
    public async Task Provisioning_twice_creates_one_pod()
    {
        await using var harness = await RunPodHarness.StartAsync();
        var request = RunPodHarness.Request();

        var first = await harness.Provider.ProvisionAsync(request, CancellationToken.None);
        var second = await harness.Provider.ProvisionAsync(request, CancellationToken.None);

        Assert.Single(harness.Server.Creates);
        Assert.Equal(first.ProviderId, second.ProviderId);
    }

    [Fact]
    public async Task A_worker_id_without_the_fleet_prefix_is_rejected_before_any_call()
    {
        await using var harness = await RunPodHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(
            () => harness.Provider.ProvisionAsync(RunPodHarness.Request(workerId: "notebook-espeak-1"), CancellationToken.None));

        Assert.Empty(harness.Server.Requests);
    }
}
