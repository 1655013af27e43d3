namespace AutoScale.Deployment.Tests;

/// <summary>The Dockerfiles' publish commands, run here, produce every file the images copy and start.</summary>
public sealed class DockerfilePublishTests(PublishedImages published) : IClassFixture<PublishedImages>
{
    [Theory]
    [InlineData(PublishedImages.Gateway)]
    [InlineData(PublishedImages.CpuWorker)]
    public void Image_copies_and_starts_what_its_publish_command_produces(string name)
    {
        var dockerfile = PublishedImages.Read(name);

        Assert.Single(PublishCommand.In(dockerfile));
        Assert.Empty(ImagePaths.Missing(dockerfile, published.Output));
    }

    [Fact]
    public void Gpu_worker_publishes_as_the_cpu_worker_plus_torch_device_cuda_and_its_paths_exist_in_the_cpu_output_as_libtorch_cuda_cannot_be_restored_here()
    {
        var gpu = PublishedImages.Read(PublishedImages.GpuWorker);
        var cpu = PublishCommand.In(PublishedImages.Read(PublishedImages.CpuWorker)).Single();
        var gpuPublish = Assert.Single(PublishCommand.In(gpu));

        Assert.Equal([.. cpu.Arguments, "-p:TorchDevice=cuda"], gpuPublish.Arguments);
        Assert.Empty(ImagePaths.Missing(gpu, (_, imageOutput) => published.Output(PublishedImages.CpuWorker, imageOutput)));
    }

    [Theory]
    [InlineData(PublishedImages.Gateway)]
    [InlineData(PublishedImages.CpuWorker)]
    [InlineData(PublishedImages.GpuWorker)]
    public void Image_runs_as_a_non_root_user_with_a_health_check(string name)
    {
        var final = PublishedImages.Read(name).Final;

        var user = Assert.Single(final.Arguments("USER"));
        Assert.DoesNotContain(user, new[] { "root", "0" });
        Assert.Single(final.Arguments("HEALTHCHECK"));
    }
}
