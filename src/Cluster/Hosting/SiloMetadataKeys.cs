namespace AutoScale.Cluster.Hosting;

/// <summary>Keys of the silo metadata every silo of the cluster publishes.</summary>
public static class SiloMetadataKeys
{
    public const string Role = "role";
    public const string Pool = "pool";
    public const string Engine = "engine";
}
