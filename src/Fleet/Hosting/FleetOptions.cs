using System.ComponentModel.DataAnnotations;

namespace AutoScale.Fleet.Hosting;

/// <summary>The worker fleet and its scaler. Bound from the <c>Fleet</c> section.</summary>
public sealed class FleetOptions : IValidatableObject
{
    public const string SectionName = "Fleet";

    /// <summary><c>local</c> (worker processes on this machine; the default), <c>runpod</c>, or <c>none</c> (no scaling).</summary>
    [Required]
    [RegularExpression("^(local|runpod|none)$", ErrorMessage = "Fleet:Provider must be local, runpod or none.")]
    public string Provider { get; set; } = FleetProviders.Local;

    /// <summary>
    /// What every worker's name starts with: the mark of ownership by which a provider's list is reconciled (others'
    /// pods are never touched). Default: the cluster id and a dash.
    /// </summary>
    [RegularExpression("^[a-z0-9-]{1,30}$", ErrorMessage = "Fleet:NamePrefix must be 1 to 30 lower-case letters, digits or dashes.")]
    public string? NamePrefix { get; set; }

    /// <summary>How often the scaler looks at the queues and the fleet. Default 1.5 s.</summary>
    [Range(0.1, 60)]
    public double TickSeconds { get; set; } = 1.5;

    /// <summary>
    /// The longest a backlog should take to drain before the fleet grows. Default 60 s: new jobs' first chunks jump the
    /// queue, so first audio comes much sooner; the fleet simulator shows how this trades cost against wait.
    /// </summary>
    [Range(0.1, 3600)]
    public double TargetWaitSeconds { get; set; } = 60;

    /// <summary>The most the whole fleet may cost per hour, in USD. Default 80 (RunPod's default spend limit); empty for none.</summary>
    [Range(0, 1_000_000)]
    public decimal? BudgetUsdPerHour { get; set; } = 80;

    /// <summary>A worker not pulling work this long after it was asked for is terminated (a failed boot or a crash loop). Default 600 s.</summary>
    [Range(5, 7200)]
    public int BootDeadlineSeconds { get; set; } = 600;

    /// <summary>A draining worker still in the cluster after this long is terminated anyway. Default 120 s.</summary>
    [Range(5, 7200)]
    public int DrainDeadlineSeconds { get; set; } = 120;

    /// <summary>How often the provider's own list is reconciled with the scaler's records. Default 30 s.</summary>
    [Range(1, 3600)]
    public int ReconcileSeconds { get; set; } = 30;

    /// <summary>The connection string workers get; default the gateway's own (right for local workers only).</summary>
    public string? WorkerConnectionString { get; set; }

    /// <summary>
    /// <c>Fleet:WorkerEnvironment:*</c> is more environment for every worker, by setting name (<c>Worker:Engine</c> becomes
    /// <c>Worker__Engine</c>), e.g. a RunPod secret reference <c>{{ RUNPOD_SECRET_pg }}</c>. Read as a raw section.
    /// </summary>
    public const string WorkerEnvironmentSection = "WorkerEnvironment";

    /// <summary>The pools the scaler manages, by name (pools are named after engines). Default: <c>espeak</c>.</summary>
    public Dictionary<string, FleetPoolOptions> Pools { get; set; } = [];

    public string EffectiveNamePrefix(string clusterId) => NamePrefix ?? $"{clusterId}-";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, pool) in Pools)
        {
            if (!PoolNames.IsValid(name))
            {
                yield return new ValidationResult($"Fleet:Pools:{name}: a pool name is 1 to 40 lower-case letters, digits or dashes.");
            }

            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(pool, new ValidationContext(pool), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return new ValidationResult($"Fleet:Pools:{name}: {result.ErrorMessage}");
                }
            }

            if (pool.MaxWorkers is { } max && pool.MinWorkers > max)
            {
                yield return new ValidationResult($"Fleet:Pools:{name}: MinWorkers ({pool.MinWorkers}) is above MaxWorkers ({max}).");
            }
        }
    }
}
