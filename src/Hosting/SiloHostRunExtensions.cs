using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoScale.Hosting;

public static class SiloHostRunExtensions
{
    /// <summary>
    /// Runs the host until it stops. A stop asked for while the silo is still starting (SIGTERM from a scaler or a
    /// test right after the silo turned Active) cancels Orleans' start-up lifecycle, which would otherwise surface as an
    /// unhandled exception and a crash exit; it is a normal stop (the silo has left the cluster, nothing was taken).
    /// </summary>
    public static async Task RunSiloHostAsync(this IHost host)
    {
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            await host.RunAsync();
        }
        catch (OrleansLifecycleCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
        }
    }
}
