using System.ComponentModel.DataAnnotations;

namespace AutoScale.Fleet.Hosting;

/// <summary>One pool's scaling settings (<c>Fleet:Pools:&lt;pool&gt;</c>). The estimates are starting points the scaler replaces with what it observes.</summary>
public sealed class FleetPoolOptions
{
    /// <summary>Workers kept even when idle. Default 0: idle costs nothing.</summary>
    [Range(0, 10_000)]
    public int MinWorkers { get; set; }

    /// <summary>The most workers. Default 50, or the machine's cores with the local provider.</summary>
    [Range(0, 10_000)]
    public int? MaxWorkers { get; set; }

    /// <summary>How long a worker's worth of capacity must go unused before one worker is let go. Default 300 s.</summary>
    [Range(0, 86_400)]
    public int IdleSeconds { get; set; } = 300;

    /// <summary>Expected boot time of a new worker until the scaler has seen one. Default 60 s.</summary>
    [Range(0, 7200)]
    public double BootSeconds { get; set; } = 60;

    /// <summary>Engine seconds per character of text until observed. Default 0.001 (about an hour of text in an hour on a GPU at RTF 0.01).</summary>
    [Range(1e-7, 10)]
    public double SecondsPerCharacter { get; set; } = 0.001;

    /// <summary>Engine seconds one worker gets through per second (its parallelism) until observed. Default 1.</summary>
    [Range(0.01, 10_000)]
    public double WorkerThroughput { get; set; } = 1;

    /// <summary>What a worker of this pool costs per hour, in USD, when the provider does not say. Default 0.</summary>
    [Range(0, 1000)]
    public decimal CostPerHourUsd { get; set; }

    /// <summary>The worker image (a container image; for the local provider, a worker build's folder). Default: the provider's.</summary>
    public string? Image { get; set; }
}
