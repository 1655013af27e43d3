using System.ComponentModel.DataAnnotations;

namespace AutoScale.Silo.Hosting;

/// <summary>What this worker serves. Bound from the <c>Worker</c> section.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>The pool this worker pulls work for (pools are named after engines). Default <c>espeak</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9-]{1,40}$", ErrorMessage = "Worker:Pool must be 1 to 40 lower-case letters, digits or dashes.")]
    public string Pool { get; set; } = "espeak";

    /// <summary>The engine it runs; defaults to the pool's name.</summary>
    public string? Engine { get; set; }

    /// <summary>
    /// Chunks this worker holds at once; defaults to the engine's concurrency × batch size plus two: one being stored and
    /// reported and one waiting for the engine.
    /// </summary>
    [Range(1, 1024)]
    public int? Concurrency { get; set; }

    /// <summary>What this worker costs per hour, in USD, for the jobs' <c>costUsd</c>. Default 0.</summary>
    [Range(0, 1000)]
    public double PricePerHourUsd { get; set; }

    /// <summary>
    /// The name the fleet gave this worker when it started it (its provisioning token, set by the scaler's provider);
    /// published as silo metadata so the scaler recognises it. Empty for a worker started by hand.
    /// </summary>
    [RegularExpression("^[a-z0-9-]{1,80}$", ErrorMessage = "Worker:FleetId must be 1 to 80 lower-case letters, digits or dashes.")]
    public string? FleetId { get; set; }

    /// <summary>
    /// How long a worker started before any gateway has applied the schema waits for it before giving up with exit
    /// code 3. Default 300 s.
    /// </summary>
    [Range(0, 86400)]
    public int SchemaWaitSeconds { get; set; } = 300;

    /// <summary>How long a stopping worker may take to finish or hand back its work. Default 30 s.</summary>
    [Range(1, 3600)]
    public int ShutdownSeconds { get; set; } = 30;
}
