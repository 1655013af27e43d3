using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoScale.Fleet.Local;

/// <summary>
/// When the last gateway of the fleet on this machine stops, the local workers stop too (they finish or hand back their
/// chunks first). A gateway that stops while another runs leaves the workers to it (<see cref="LocalFleetGateways"/>).
/// </summary>
internal sealed partial class LocalFleetShutdown(
    LocalProcessFleetProvider provider,
    LocalFleetGateways gateways,
    IOptions<LocalFleetOptions> options,
    ILogger<LocalFleetShutdown> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        gateways.Join(Environment.ProcessId);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var survivors = gateways.Leave(Environment.ProcessId);
        if (!options.Value.StopWorkersOnShutdown)
        {
            return Task.CompletedTask;
        }

        if (survivors.Count > 0)
        {
            LogLeavingWorkers(string.Join(", ", survivors));
            return Task.CompletedTask;
        }

        return provider.StopAllAsync(cancellationToken);
    }
}
