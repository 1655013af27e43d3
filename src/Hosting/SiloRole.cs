namespace AutoScale.Hosting;

/// <summary>The part a silo plays, published in its silo metadata under <see cref="SiloMetadataKeys.Role"/>.</summary>
public static class SiloRole
{
    /// <summary>The gateway's silo: jobs, queues, the scaler.</summary>
    public const string Control = "control";

    /// <summary>A worker pod: synthesis grains and an engine.</summary>
    public const string Worker = "worker";
}
