using AutoScale.Fleet.Providers;
using AutoScale.Fleet.Scaling.Steps;

namespace AutoScale.Fleet.Scaling;

/// <summary>
/// The provider's own list against the scaler's records, for what the records cannot know: a worker started before a
/// crash and never recorded as asked for, a process that ended, a pod removed behind the scaler's back. Never anyone
/// else's: the provider lists only workers named with this fleet's prefix.
/// <list type="bullet">
/// <item>A listed worker with a live record: the record learns its provider id if it had none; one that exited is terminated.</item>
/// <item>A listed worker of a managed pool without any record, not exited: adopted, booting (the lifecycle finds its silo).</item>
/// <item>Any other listed worker (its record gone, exited, or of a pool not managed) is ours but of no use: terminated (an <c>orphan</c> event).</item>
/// <item>A live record the provider no longer lists, older than <see cref="ListGrace"/> (a new worker may not be listed yet):
/// gone, as drained if it was draining (a drained worker stops its own process; the provider may notice before the membership does).</item>
/// </list>
/// </summary>
public static class ProviderReconciliation
{
    public static readonly TimeSpan ListGrace = TimeSpan.FromSeconds(30);

    public static List<ScalingStep> Plan(
        IReadOnlyList<ProvisionedWorker> listed, FleetRoster roster, IReadOnlySet<string> managedPools, string provider, DateTimeOffset now)
    {
        var steps = new List<ScalingStep>();
        foreach (var worker in listed)
        {
            var record = roster.Find(worker.WorkerId);
            if (record is { IsLive: true })
            {
                if (record.ProviderId is null)
                {
                    steps.Add(new LearnProviderId(record, worker.ProviderId));
                }

                if (worker.Status == ProviderWorkerStatus.Exited)
                {
                    steps.Add(new TerminateWorker(record, "its process or pod exited"));
                }
            }
            else if (worker.Status != ProviderWorkerStatus.Exited && managedPools.Contains(worker.Pool) && record is null)
            {
                steps.Add(new AdoptWorker(new FleetWorkerRecord
                {
                    Id = worker.WorkerId,
                    Pool = worker.Pool,
                    Provider = provider,
                    ProviderId = worker.ProviderId,
                    Image = worker.Image,
                    Stage = WorkerStage.Booting,
                    StateSince = now,
                    CreatedAt = worker.CreatedAt,
                    CostPerHourUsd = worker.CostPerHourUsd,
                    Reason = "adopted from the provider's list",
                }));
                steps.Add(new RecordEvent(worker.Pool, "adopt", 0, 0, $"adopted {worker.WorkerId}, found running without a record", worker));
            }
            else
            {
                steps.Add(new TerminateOrphan(worker));
                steps.Add(new RecordEvent(worker.Pool, "orphan", 0, 0, $"terminated {worker.WorkerId}: ours by name but not a live worker of a managed pool", worker));
            }
        }

        var listedIds = listed.Select(w => w.WorkerId).ToHashSet(StringComparer.Ordinal);
        steps.AddRange(roster.Live.Where(w => !listedIds.Contains(w.Id) && now - w.CreatedAt > ListGrace).Select(w =>
            new MarkGone(w, w.Stage == WorkerStage.Draining ? WorkerLifecycle.DrainedReason : "no longer listed by the provider")));
        return steps;
    }
}
