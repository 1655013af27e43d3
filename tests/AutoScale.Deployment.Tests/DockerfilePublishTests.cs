namespace AutoScale.Deployment.Tests;

/// <summary>The Dockerfiles' publish commands, run here, produce every file the images copy and start.</summary>
public sealed class DockerfilePublishTests(PublishedImages published) : IClassFixture<PublishedImages>
{
    [Theory]
    [InlineData(PublishedImages.Gateway)]
    [InlineData(PublishedImages.CpuWorker)]
    public void ImageCopiesAndStartsWhatItsPublishCommandProduces(string name)
    {
        var dockerfile = PublishedImages.Read(name);

        Assert.Single(PublishCommand.In(dockerfile));
        Assert.Empty(ImagePaths.Missing(dockerfile, published.Output));
    }

    [Fact]
    public void GpuWorkerPublishesAsTheCpuWorkerPlusTorchDeviceCudaAndItsPathsExistInTheCpuOutputAsLibtorchCudaCannotBeRestoredHere()
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
    public void ImageRunsAsANonRootUserWithAHealthCheck(string name)
    {
        var final = PublishedImages.Read(name).Final;

        var user = Assert.Single(final.Arguments("USER"));
        Assert.DoesNotContain(user, new[] { "root", "0" });
        Assert.Single(final.Arguments("HEALTHCHECK"));
    }
}
