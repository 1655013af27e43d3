using AutoScale.Fleet.Providers;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>The API key goes out as the bearer token and nowhere else: not in a message, a log line, or a result.</summary>
public sealed class RunPodSecretTests
{
    [Fact]
    public async Task The_api_key_appears_in_no_exception_log_line_or_result_whatever_goes_wrong()
    {
        await using var harness = await RunPodHarness.StartAsync();
        var server = harness.Server;
        var provider = harness.Provider;
        var seen = new List<string>();

        async Task Capture(Func<Task> call)
        {
            var exception = await Record.ExceptionAsync(call);
            Assert.NotNull(exception);
            seen.Add(exception.ToString());
        }

        server.FailNext("POST", new ScriptedFailure(402, "insufficient balance"));
        await Capture(() => provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None));
        server.FailNext("POST", new ScriptedFailure(422, $"Request validation failed for token {FakeRunPodServer.ApiKey}"));
        await Capture(() => provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None));
        for (var i = 0; i < 4; i++)
        {
            server.FailNext("POST", new ScriptedFailure(500, "something went wrong"));
        }

        await Capture(() => provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None));
        server.ForbidGpuType("NVIDIA GeForce RTX 4090");
        server.NoCapacityFor("NVIDIA RTX A5000");
        server.NoCapacityFor("NVIDIA L4");
        await Capture(() => provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None));
        var notebook = server.AddPod("my-jupyter-notebook");
        await Capture(() => provider.TerminateAsync(notebook, CancellationToken.None));
        var worker = server.AddPod("autoscale-espeak-a1b2c3");
        seen.Add(string.Join(Environment.NewLine, await provider.ListAsync(CancellationToken.None)));
        await server.DisposeAsync();
        await Capture(() => provider.ListAsync(CancellationToken.None));
        await Capture(() => provider.TerminateAsync(worker, CancellationToken.None));

        // Every attempt was logged, at Trace and up from every category, structured fields included.
        Assert.Contains(harness.Logs.Lines, line => line.Contains("RunPod POST /v2/pods: 402", StringComparison.Ordinal));
        Assert.Contains(harness.Logs.Lines, line => line.Contains("RunPod GET /v2/pods: no answer", StringComparison.Ordinal));
        Assert.All(seen.Concat(harness.Logs.Lines), text => Assert.DoesNotContain(FakeRunPodServer.ApiKey, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rejected_api_key_is_not_repeated_in_the_exception_or_the_logs()
    {
        const string wrongKey = "rpa_WRONG9KEY8THAT7MUST6NOT5LEAK4XX";
        await using var harness = await RunPodHarness.StartAsync(apiKey: wrongKey);

        var provision = await Assert.ThrowsAsync<FleetProviderException>(
            () => harness.Provider.ProvisionAsync(RunPodHarness.Request(), CancellationToken.None));
        var list = await Assert.ThrowsAsync<FleetProviderException>(() => harness.Provider.ListAsync(CancellationToken.None));
        var terminate = await Assert.ThrowsAsync<FleetProviderException>(
            () => harness.Provider.TerminateAsync("abc123", CancellationToken.None));

        Assert.Equal($"Bearer {wrongKey}", harness.Server.Requests[0].Authorization);
        Assert.All(
            new[] { provision.ToString(), list.ToString(), terminate.ToString() }.Concat(harness.Logs.Lines),
            text => Assert.DoesNotContain(wrongKey, text, StringComparison.Ordinal));
        Assert.All([provision, list, terminate], exception => Assert.Null(exception.InnerException));
    }
}
