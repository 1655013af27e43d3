namespace AutoScale.Gateway.Usage;

/// <summary>The size of a usage bucket: a UTC day or hour (PostgreSQL's <c>date_trunc</c> field names).</summary>
public enum UsageGranularity
{
    Day,
    Hour,
}
