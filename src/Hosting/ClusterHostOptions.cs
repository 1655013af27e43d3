using System.ComponentModel.DataAnnotations;

namespace AutoScale.Hosting;

/// <summary>How a silo joins the cluster. Bound from the <c>Orleans</c> configuration section.</summary>
public sealed class ClusterHostOptions
{
    public const string SectionName = "Orleans";

    /// <summary>Cluster identity shared by the gateway and every worker. Default <c>autoscale</c>.</summary>
    [Required]
    public string ClusterId { get; set; } = "autoscale";

    /// <summary>Service identity (keys grain state and reminders). Default <c>autoscale</c>.</summary>
    [Required]
    public string ServiceId { get; set; } = "autoscale";

    /// <summary>Silo-to-silo port this silo listens on. Default 11111.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external Orleans clients; 0 (the default) opens none, since only silos talk here.</summary>
    [Range(0, 65535)]
    public int GatewayPort { get; set; }

    /// <summary>The address other silos reach this one at. Default 127.0.0.1 (one machine).</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// The port other silos reach this one at, when a port mapping (RunPod's public TCP) differs from
    /// <see cref="SiloPort"/>; 0 (the default) means the same as <see cref="SiloPort"/>.
    /// </summary>
    [Range(0, 65535)]
    public int AdvertisedSiloPort { get; set; }

    /// <summary>Listen on every interface (pods) rather than only the advertised address. Default false.</summary>
    public bool ListenOnAnyAddress { get; set; }
}
