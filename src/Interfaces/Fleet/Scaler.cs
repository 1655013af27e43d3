namespace AutoScale.Interfaces.Fleet;

public static class Scaler
{
    /// <summary>The cluster's scaler.</summary>
    public static IScalerGrain Of(IGrainFactory grains) => grains.GetGrain<IScalerGrain>(0);
}
