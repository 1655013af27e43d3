namespace AutoScale.Fleet.Hosting;

/// <summary>How this cluster's fleet names its workers: <c>{prefix}{pool}-{random}</c>. The prefix marks ownership.</summary>
public sealed record FleetIdentity(string NamePrefix)
{
    public string NewWorkerId(string pool) => $"{NamePrefix}{pool}-{Guid.NewGuid().ToString("N")[..10]}";
}
