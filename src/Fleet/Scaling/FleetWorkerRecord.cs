namespace AutoScale.Fleet.Scaling;

/// <summary>
/// The scaler's record of one worker it asked a provider for (a row of <c>fleet_workers</c>). After it is built, its
/// stage moves only through the methods below, which whoever carries out the core's steps calls once the step's effect
/// is done (the provider agreed to terminate, the queue was told to drain…).
/// </summary>
public sealed class FleetWorkerRecord
{
    private WorkerStage _stage;
    private DateTimeOffset _stateSince;
    private DateTimeOffset? _readyAt;
    private string? _silo;
    private string? _reason;

    public required string Id { get; init; }

    public required string Pool { get; init; }

    public required string Provider { get; init; }

    public string? ProviderId { get; set; }

    public required string Image { get; init; }

    public WorkerStage Stage { get => _stage; init => _stage = value; }

    public DateTimeOffset StateSince { get => _stateSince; init => _stateSince = value; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadyAt { get => _readyAt; init => _readyAt = value; }

    /// <summary>Its silo, once it appeared in the membership (also its worker id at the queue).</summary>
    public string? Silo { get => _silo; init => _silo = value; }

    public decimal CostPerHourUsd { get; set; }

    /// <summary>Why it is in its stage (for gone: how it ended).</summary>
    public string? Reason { get => _reason; init => _reason = value; }

    public bool IsLive => Stage != WorkerStage.Gone;

    /// <summary>Booting or joining: coming capacity.</summary>
    public bool IsStarting => Stage is WorkerStage.Booting or WorkerStage.Joining;

    /// <summary>A worker about to be asked for, booting from <paramref name="now"/>.</summary>
    public static FleetWorkerRecord Booting(string id, string pool, string provider, string image, decimal costPerHourUsd, DateTimeOffset now) => new()
    {
        Id = id,
        Pool = pool,
        Provider = provider,
        Image = image,
        Stage = WorkerStage.Booting,
        StateSince = now,
        CreatedAt = now,
        CostPerHourUsd = costPerHourUsd,
    };

    /// <summary>Its silo appeared in the membership.</summary>
    public void Join(string silo, DateTimeOffset now)
    {
        _silo = silo;
        MoveTo(WorkerStage.Joining, now);
    }

    /// <summary>Its silo is Active and pulls work.</summary>
    public void BecomeReady(DateTimeOffset now)
    {
        _readyAt = now;
        MoveTo(WorkerStage.Ready, now);
    }

    /// <summary>Its queue was told to give it nothing more.</summary>
    public void Drain(DateTimeOffset now, string reason) => MoveTo(WorkerStage.Draining, now, reason);

    /// <summary>Terminated, or known to be gone.</summary>
    public void End(DateTimeOffset now, string reason) => MoveTo(WorkerStage.Gone, now, reason);

    private void MoveTo(WorkerStage stage, DateTimeOffset now, string? reason = null)
    {
        _stage = stage;
        _stateSince = now;
        _reason = reason;
    }
}
