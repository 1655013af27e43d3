using AutoScale.Grains.Tests.Infrastructure;
using AutoScale.Interfaces.Jobs;
using AutoScale.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AutoScale.Grains.Tests.Jobs;

/// <summary>Its own cluster, since it stops silos.</summary>
public sealed class JobSurvivesSiloLossTests : IAsyncLifetime
{
    private readonly JobClusterFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_job_is_reloaded_from_postgres_on_another_silo_after_its_silo_stops()
    {
        var id = Guid.CreateVersion7();
        var submitted = await _fixture.Grains.GetGrain<IJobGrain>(id).SubmitAsync(new JobRequest
        {
            TenantId = _fixture.TenantId,
            Text = "Hello there. This job must outlive its silo.",
            Model = "espeak",
            Voice = "en-us",
            Format = "wav",
            Speed = 1.25,
            Priority = JobPriority.Batch,
            MetadataJson = """{"order":42}""",
        });
        // What the pool's queue tells the job when it leases a chunk; one-way, so wait for it to show.
        await _fixture.Grains.GetGrain<IJobGrain>(id).ChunkLeasedAsync();
        await Eventually.TrueAsync(
            async () => (await _fixture.Grains.GetGrain<IJobGrain>(id).GetAsync())?.Status == JobStatus.Running,
            TimeSpan.FromSeconds(30), "the job to run once a chunk is leased");

        var second = await _fixture.Cluster.StartAdditionalSiloAsync();
        await _fixture.Cluster.StopSiloAsync(_fixture.Cluster.Silos[0]);
        var reloaded = await second.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IJobGrain>(id).GetAsync();

        Assert.NotNull(reloaded);
        Assert.Equal(submitted.Job! with { Status = JobStatus.Running, StartedAt = reloaded.StartedAt, Version = 2 }, reloaded);
        Assert.NotNull(reloaded.StartedAt);
    }
}
