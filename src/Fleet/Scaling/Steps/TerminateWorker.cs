namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>
/// Ends the worker at its provider (when it has a provider id), then marks it gone and records a <c>terminate</c>
/// event. When the provider fails, the record stays as it is and the next tick asks again.
/// </summary>
public sealed record TerminateWorker(FleetWorkerRecord Worker, string Reason) : WorkerStep(Worker)
{
    public override void Apply(DateTimeOffset now) => Worker.End(now, Reason);

    /// <summary>The <c>terminate</c> event, taken before <see cref="Apply"/>: the pool's count drops unless the worker was draining (already not counted).</summary>
    public RecordEvent Recorded(FleetRoster roster)
    {
        var from = roster.Counted(Worker.Pool);
        return new RecordEvent(Worker.Pool, "terminate", from, Worker.Stage == WorkerStage.Draining ? from : from - 1,
            $"{Worker.Id}: {Reason}", new { Worker.Id, Worker.ProviderId });
    }
}
