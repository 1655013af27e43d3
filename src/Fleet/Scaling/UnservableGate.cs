using AutoScale.Fleet.Scaling.Steps;

namespace AutoScale.Fleet.Scaling;

/// <summary>
/// A pool a worker could not serve with its image is not scaled up: more workers of that image would fail the same way
/// (and cost money).
/// <list type="bullet">
/// <item>The mark holds only for the image it was made with: a new image lets the pool grow again (and an operator's new
/// bounds or image clear the mark where it is stored).</item>
/// <item>A ready worker of the pool proves it can be served: the mark is cleared (a <c>servable</c> event) and the
/// decision stands.</item>
/// <item>Otherwise a decision to grow holds at the current count and says why; holding and shrinking are left alone.</item>
/// </list>
/// </summary>
public static class UnservableGate
{
    /// <summary>The decision the gate lets through, and whether the gate still holds (no worker of this image may start).</summary>
    public static (ScalingDecision Decision, bool Holds) Heed(ScalingDecision decision, PoolSettings settings, int ready, List<ScalingStep> steps)
    {
        if (settings.Unservable is not { } unservable || unservable.Image != settings.Image)
        {
            return (decision, false);
        }

        if (ready > 0)
        {
            steps.Add(new ClearUnservable(decision.Pool));
            steps.Add(new RecordEvent(decision.Pool, "servable", decision.Current, decision.Current,
                "a worker of the pool is ready: it can be served", new { pool = decision.Pool, ready }));
            return (decision, false);
        }

        return (decision.Desired > decision.Current
            ? decision with
            {
                Desired = decision.Current,
                Reason = $"not scaled up: {unservable.Reason} (set the pool's bounds or image to try again)",
            }
            : decision, true);
    }
}
