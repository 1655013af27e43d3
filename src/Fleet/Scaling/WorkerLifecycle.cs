using AutoScale.Fleet.Scaling.Steps;

namespace AutoScale.Fleet.Scaling;

/// <summary>
/// Moves one fleet worker along booting → joining → ready → draining → gone, from the membership and its pool's queue
/// alone (no clock, no I/O):
/// <list type="bullet">
/// <item>Booting or joining: once a silo with its fleet id is in the membership (an Active one preferred), it is joining on
/// that silo; once that silo is Active and polls the pool's queue, it is ready. Not ready by the boot deadline after it
/// was asked for: terminated (a failed boot, a crash loop).</item>
/// <item>Ready: its silo no longer alive in the membership: terminated, it left unasked (crashed or killed); the next
/// decision replaces it, as the pool has one worker fewer.</item>
/// <item>Draining: its silo gone: terminated, it drained and left. Still there by the drain deadline after it was told:
/// terminated anyway. Otherwise its queue is told again.</item>
/// </list>
/// </summary>
public sealed class WorkerLifecycle(int bootDeadlineSeconds, int drainDeadlineSeconds)
{
    public const string DrainedReason = "drained and left the cluster";

    public IEnumerable<ScalingStep> Advance(FleetWorkerRecord worker, MembershipReading membership, QueueReading queue, DateTimeOffset now)
    {
        switch (worker.Stage)
        {
            case WorkerStage.Booting or WorkerStage.Joining:
                var silo = membership.SiloOf(worker.Id);
                if (silo is not null && worker.Silo != silo.Address)
                {
                    yield return new MarkJoining(worker, silo.Address);
                }

                if (silo is { Active: true } && queue.Workers.Any(w => w.WorkerId == silo.Address))
                {
                    yield return new MarkReady(worker, now - worker.CreatedAt);
                }
                else if (now - worker.CreatedAt > TimeSpan.FromSeconds(bootDeadlineSeconds))
                {
                    yield return new TerminateWorker(worker, $"not pulling work {bootDeadlineSeconds} s after it was asked for (boot deadline)");
                }

                break;
            case WorkerStage.Ready when !membership.IsAlive(worker.Silo):
                yield return new TerminateWorker(worker, "its silo left the cluster unasked (crashed or killed)");
                break;
            case WorkerStage.Draining when !membership.IsAlive(worker.Silo):
                yield return new TerminateWorker(worker, DrainedReason);
                break;
            case WorkerStage.Draining when now - worker.StateSince > TimeSpan.FromSeconds(drainDeadlineSeconds):
                yield return new TerminateWorker(worker, $"still in the cluster {drainDeadlineSeconds} s after it was told to drain");
                break;
            case WorkerStage.Draining:
                yield return new TellToDrain(worker);
                break;
            default:
                break;
        }
    }
}
