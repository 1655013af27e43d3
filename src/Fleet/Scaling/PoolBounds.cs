namespace AutoScale.Fleet.Scaling;

/// <summary>How few and how many workers a pool may have.</summary>
public readonly record struct PoolBounds(int Min, int Max)
{
    public bool IsValid => Min >= 0 && Max >= Min && Max <= 10_000;

    public int Clamp(int count) => Math.Clamp(count, Min, Max);

    public override string ToString() => $"{Min}..{Max}";
}
