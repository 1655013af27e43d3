using AutoScale.Fleet.Scaling.Steps;

namespace AutoScale.Fleet.Scaling;

/// <summary>
/// Replaces a pool's workers of older images without a gap. Not thread-safe: its pool's <see cref="PoolScaler"/> owns it.
/// <list type="number">
/// <item>Workers not draining whose image is not the pool's are outdated. None (or no image named: workers run the
/// provider's default, whatever it reports for them): no roll; a roll under way ends with a <c>rolled</c> event.</item>
/// <item>Outdated workers still starting are stopped at once.</item>
/// <item>The roll's target is fixed when it starts: the ready workers then, old and new (a <c>roll</c> event).</item>
/// <item>New workers start up to the target, counting those starting, while an old ready worker is left, unless the
/// pool may not provision (unservable with this image, or paused after a refusal).</item>
/// <item>An old ready worker drains only while the ready count stays at the target, so a new worker is ready before
/// each old one leaves; in <see cref="DrainOrder"/> (a <c>replace</c> event each).</item>
/// <item>While a roll is under way the policy's scale-down waits: the roll drains the old workers itself.</item>
/// </list>
/// A new image starts the roll over (<see cref="StartOver"/>).
/// </summary>
internal sealed class ImageRoll
{
    private int? _target;

    public void StartOver() => _target = null;

    /// <summary>Adds the roll's steps to <paramref name="steps"/>; whether a roll is under way.</summary>
    public bool Plan(
        PoolReading reading, IReadOnlyList<FleetWorkerRecord> live, IReadOnlyDictionary<string, PullingWorker> pulling, int readyNow,
        bool mayProvision, decimal costPerHourUsd, PoolSnapshot snapshot, List<ScalingStep> steps)
    {
        var (pool, image) = (reading.Pool, reading.Settings.Image);
        var outdated = image.Length == 0 ? [] : live.Where(w => w.Image != image && w.Stage != WorkerStage.Draining).ToList();
        if (outdated.Count == 0)
        {
            if (_target is not null)
            {
                _target = null;
                steps.Add(new RecordEvent(pool, "rolled", readyNow, readyNow, $"every worker of the pool runs {image}", new { pool, image }));
            }

            return false;
        }

        steps.AddRange(outdated.Where(w => w.IsStarting).Select(w => new TerminateWorker(w, $"the pool's image changed to {image} before it was ready")));
        var oldReady = outdated.Where(w => w.Stage == WorkerStage.Ready).ToList();
        var fresh = live.Where(w => w.Image == image && w.Stage != WorkerStage.Draining).ToList();
        var newReady = fresh.Count(w => w.Stage == WorkerStage.Ready);
        var newStarting = fresh.Count(w => w.IsStarting);
        if (_target is not { } target)
        {
            target = oldReady.Count + newReady;
            _target = target;
            steps.Add(new RecordEvent(pool, "roll", target, target,
                $"image changed to {image}: {oldReady.Count} workers of older images are replaced, each drained once a new one is ready",
                new { pool, image, oldReady = oldReady.Count, newReady, newStarting }));
        }

        var missing = target - newReady - newStarting;
        if (missing > 0 && oldReady.Count > 0 && mayProvision)
        {
            steps.Add(new ProvisionWorkers(pool, missing, newReady + newStarting, image, costPerHourUsd, snapshot));
        }

        var ready = newReady + oldReady.Count;
        foreach (var old in DrainOrder.Rank(oldReady, pulling))
        {
            if (ready - 1 < target)
            {
                break;
            }

            var reason = $"replaced by a worker of image {image}";
            steps.Add(new DrainWorker(old, reason));
            steps.Add(new RecordEvent(pool, "replace", ready, ready - 1, reason, new { pool, worker = old.Id, oldImage = old.Image, image }));
            ready--;
        }

        return true;
    }
}
