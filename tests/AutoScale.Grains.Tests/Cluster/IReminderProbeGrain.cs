namespace AutoScale.Grains.Tests.Cluster;

/// <summary>A grain that only exists to prove the PostgreSQL reminder table with the real provider.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    Task StopAsync();

    Task<int> FiredAsync();
}
