using AutoScale.Fleet.Providers;

namespace AutoScale.Fleet.Tests.Scaling;

/// <summary>A line of a provider's list in a table test: created <see cref="AgeSeconds"/> before the tick.</summary>
internal sealed record ProvisionedWorkerRow(string WorkerId, string Pool, ProviderWorkerStatus Status, double AgeSeconds = 60)
{
    public ProvisionedWorker ToWorker(DateTimeOffset now) =>
        new(WorkerId, $"p-{WorkerId}", Pool, "image", Status, 0.5m, now - TimeSpan.FromSeconds(AgeSeconds));
}
