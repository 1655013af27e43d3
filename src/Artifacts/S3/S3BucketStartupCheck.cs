using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScale.Artifacts.S3;

/// <summary>
/// With <c>Artifacts:Store=s3</c>, checks the bucket before anything else starts (before the silo joins the cluster):
/// a missing bucket or refused credentials stop the process with a message saying what to do.
/// </summary>
internal sealed class S3BucketStartupCheck(IOptions<ArtifactOptions> options, IServiceProvider services) : IHostedLifecycleService
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.UsesS3)
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await services.GetRequiredService<S3ArtifactStore>().VerifyBucketAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"The artifact bucket '{options.Value.S3.Bucket}' at {options.Value.S3.EndpointDescription} did not answer within {Timeout.TotalSeconds:0} s. Check Artifacts:S3:Endpoint.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
