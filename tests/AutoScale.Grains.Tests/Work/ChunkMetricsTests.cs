using System.Diagnostics.Metrics;
using AutoScale.Grains.Work;
using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Jobs;
using AutoScale.Interfaces.Work;

namespace AutoScale.Grains.Tests.Work;

/// <summary>The cost of a finished chunk is per pool, and names its tenant only when <c>Telemetry:TenantLabels</c> asks.</summary>
public sealed class ChunkMetricsTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_cost_carries_the_tenant_only_with_tenant_labels(bool tenantLabels)
    {
        // A pool of its own: the meter is static, and other tests record on it at the same time.
        var pool = $"pool-{Guid.NewGuid():N}";
        var tenant = Guid.NewGuid();
        var recorded = new List<Dictionary<string, object?>>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "autoscale.cost.usd")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            var labels = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                labels[tag.Key] = tag.Value;
            }

            if (Equals(labels.GetValueOrDefault("pool"), pool))
            {
                lock (recorded)
                {
                    recorded.Add(labels);
                }
            }
        });
        listener.Start();

        var key = new WorkItemKey(Guid.NewGuid(), 0);
        ChunkMetrics.RecordCompletion(pool, Completion(key), new WorkItem(key, tenant, JobPriority.Normal, 100, 0, null, Start), Start.AddSeconds(3), tenantLabels);

        var labels = Assert.Single(recorded);
        Assert.Equal(tenantLabels, labels.ContainsKey("tenant"));
        if (tenantLabels)
        {
            Assert.Equal(tenant.ToString(), labels["tenant"]);
        }
    }

    private static ChunkCompletion Completion(WorkItemKey key) => new()
    {
        LeaseId = Guid.NewGuid(),
        JobId = key.JobId,
        Sequence = key.Sequence,
        WorkerId = "worker",
        ArtifactKey = "chunk",
        SampleRate = 24_000,
        Samples = 48_000,
        EngineSeconds = 0.5,
        CostUsd = 0.001m,
    };
}
