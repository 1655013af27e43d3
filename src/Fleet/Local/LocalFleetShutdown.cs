using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScale.Fleet.Local;

/// <summary>When the gateway stops, its local workers stop too (they finish or hand back their chunks first).</summary>
internal sealed class LocalFleetShutdown(LocalProcessFleetProvider provider, IOptions<LocalFleetOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        options.Value.StopWorkersOnShutdown ? provider.StopAllAsync(cancellationToken) : Task.CompletedTask;
}
