using System.Net;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.MultiGateway;

/// <summary>What a client sees of a job does not depend on which gateway answers.</summary>
[Collection(TwoGatewaysCollection.Name)]
public sealed class JobsAcrossGatewaysTests(TwoGateways cluster)
{
    [Fact]
    public async Task A_job_submitted_on_one_gateway_is_looked_up_and_streamed_on_the_other()
    {
        var key = await cluster.A.CreateTenantAsync("across");
        using var onA = cluster.A.Client(key);
        using var onB = cluster.B.Client(key);

        var id = (await (await onA.SubmitAsync(new { text = "One gateway takes it. The other one answers for it." }))
            .AssertStatusAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString();
        var lookedUp = await (await onB.GetAsync($"/v1/jobs/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(id, lookedUp.GetProperty("id").GetString());

        var audio = await onB.GetByteArrayAsync($"/v1/jobs/{id}/audio");
        Assert.Equal("RIFF"u8.ToArray(), audio[..4]);
        Assert.True(audio.Length > 10_000, $"only {audio.Length} bytes of audio");
        await Eventually.TrueAsync(
            async () => (await (await onA.GetAsync($"/v1/jobs/{id}")).JsonAsync()).GetProperty("status").GetString() == "succeeded",
            TimeSpan.FromSeconds(30), "gateway A to see the job succeeded");
    }

    [Fact]
    public async Task A_job_submitted_on_one_gateway_is_cancelled_on_the_other()
    {
        var key = await cluster.A.CreateTenantAsync("cancel-across");
        using var onA = cluster.A.Client(key);
        using var onB = cluster.B.Client(key);
        var text = string.Join(" ", Enumerable.Repeat("This long job is cancelled from the gateway that did not take it.", 60));

        var id = (await (await onA.SubmitAsync(new { text })).AssertStatusAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString();
        var cancelled = await onB.DeleteAsync($"/v1/jobs/{id}");

        Assert.True(cancelled.IsSuccessStatusCode, $"cancel answered {(int)cancelled.StatusCode}");
        await Eventually.TrueAsync(
            async () => (await (await onA.GetAsync($"/v1/jobs/{id}")).JsonAsync()).GetProperty("status").GetString() == "cancelled",
            TimeSpan.FromSeconds(30), "gateway A to see the job cancelled");
    }
}
