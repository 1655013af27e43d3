using Microsoft.Extensions.Logging;

namespace AutoScale.Hosting.Networking;

/// <summary>Logs, as the silo starts, which endpoints it advertises and listens on and what decided them.</summary>
internal sealed partial class SiloEndpointsLog(SiloEndpoints endpoints, ILogger<SiloEndpointsLog> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloEndpointsLog), ServiceLifecycleStage.First, _ =>
        {
            LogEndpoints(endpoints.Advertised.ToString(), endpoints.Listening.ToString(), endpoints.Source);
            return Task.CompletedTask;
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo advertises {Advertised} and listens on {Listening}; {Source}")]
    private partial void LogEndpoints(string advertised, string listening, string source);
}
