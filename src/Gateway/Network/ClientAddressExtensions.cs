using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Network;

/// <summary>
/// The client's address behind a load balancer: <c>X-Forwarded-For</c>'s last entry (the one the proxy added) when the
/// connection comes from a trusted proxy (<see cref="TrustedProxyOptions"/>), the connection's own address otherwise.
/// What counts per address (the sign-in throttle) reads <c>HttpContext.Connection.RemoteIpAddress</c> afterwards.
/// </summary>
public static class ClientAddressExtensions
{
    public static IServiceCollection AddClientAddresses(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // ASP.NET trusts all of 127.0.0.0/8 by default; only the two addresses a proxy on this host connects from.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            forwarded.KnownProxies.Add(IPAddress.Loopback);
            forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
            foreach (var network in trusted.Value.Networks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so everything after sees the client's address.</summary>
    public static WebApplication UseClientAddresses(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
