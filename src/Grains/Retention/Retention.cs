namespace AutoScale.Grains.Retention;

/// <summary>Finds the retention sweeper.</summary>
public static class Retention
{
    public static IRetentionGrain Of(IGrainFactory grains) => grains.GetGrain<IRetentionGrain>(0);
}
