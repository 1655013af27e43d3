using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace AutoScale.Hosting.Networking;

/// <summary>The real lookups behind <see cref="AdvertisedEndpointResolver"/>: this machine's interfaces and DNS.</summary>
internal static class HostNetwork
{
    public static IPAddress? InterfaceIPv4(string interfaceName) =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(network => network.Name == interfaceName)
            .SelectMany(network => network.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork);

    public static IPAddress? ResolveIPv4(string hostName)
    {
        try
        {
            return Dns.GetHostAddresses(hostName, AddressFamily.InterNetwork).FirstOrDefault();
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
