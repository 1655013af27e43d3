namespace AutoScale.Interfaces.Catalogue;

public static class PoolVoices
{
    /// <summary>The voices of <paramref name="pool"/>.</summary>
    public static IPoolVoicesGrain Of(IGrainFactory grains, string pool) => grains.GetGrain<IPoolVoicesGrain>(pool);
}
