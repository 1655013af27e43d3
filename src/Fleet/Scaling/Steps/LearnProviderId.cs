namespace AutoScale.Fleet.Scaling.Steps;

/// <summary>The provider listed a recorded worker under <paramref name="ProviderId"/>; a record that had none (a crash before the provider answered) takes it.</summary>
public sealed record LearnProviderId(FleetWorkerRecord Worker, string ProviderId) : WorkerStep(Worker)
{
    public override void Apply(DateTimeOffset now) => Worker.ProviderId ??= ProviderId;
}
