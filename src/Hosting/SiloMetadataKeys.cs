namespace AutoScale.Hosting;

/// <summary>Keys of the silo metadata every silo of the cluster publishes.</summary>
public static class SiloMetadataKeys
{
    public const string Role = "role";
    public const string Pool = "pool";
    public const string Engine = "engine";

    /// <summary>The fleet's name for a worker it started (its provisioning token); absent on workers started by hand.</summary>
    public const string FleetId = "fleet-id";
}
