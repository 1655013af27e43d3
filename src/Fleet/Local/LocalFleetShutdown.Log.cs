using Microsoft.Extensions.Logging;

namespace AutoScale.Fleet.Local;

internal sealed partial class LocalFleetShutdown
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Leaving the local workers running to the fleet's other gateways (processes {Gateways})")]
    private partial void LogLeavingWorkers(string gateways);
}
