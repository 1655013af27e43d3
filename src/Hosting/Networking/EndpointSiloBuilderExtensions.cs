using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace AutoScale.Hosting.Networking;

internal static class EndpointSiloBuilderExtensions
{
    /// <summary>
    /// Sets the silo's <see cref="EndpointOptions"/> from <see cref="AdvertisedEndpointResolver"/> on this host's real
    /// environment; resolving now, so a pod that cannot be reached fails at start-up with the reason.
    /// </summary>
    public static ISiloBuilder UseResolvedEndpoints(this ISiloBuilder silo, IConfiguration configuration, ClusterHostOptions options)
    {
        var globalNetworking = configuration.GetValue<bool>(AdvertisedEndpointResolver.GlobalNetworkingKey);
        var endpoints = AdvertisedEndpointResolver.ForThisHost().Resolve(options, globalNetworking);
        silo.Configure<EndpointOptions>(endpoint =>
        {
            endpoint.AdvertisedIPAddress = endpoints.Advertised.Address;
            endpoint.SiloPort = endpoints.Advertised.Port;
            endpoint.SiloListeningEndpoint = endpoints.Listening;
            endpoint.GatewayPort = options.GatewayPort;
            if (options.GatewayPort > 0)
            {
                endpoint.GatewayListeningEndpoint = new IPEndPoint(endpoints.Listening.Address, options.GatewayPort);
            }
        });
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services =>
            new SiloEndpointsLog(endpoints, services.GetRequiredService<ILogger<SiloEndpointsLog>>()));
        return silo;
    }
}
