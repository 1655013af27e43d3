using AutoScale.Fleet.Scaling;
using AutoScale.FleetSimulator.Simulation;
using AutoScale.FleetSimulator.Workload;

namespace AutoScale.FleetSimulator;

/// <summary>One scenario: the load, the workers and the scaler. Each default is the seed's scenario.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Listeners a day. Default 10,000.</summary>
    public int Users { get; init; } = 10_000;

    /// <summary>Hours of audio each listener asks for a day. Default 3.</summary>
    public double HoursPerUser { get; init; } = 3;

    /// <summary>Mean audio length of one request (a chapter), in minutes. Default 20.</summary>
    public double RequestMinutes { get; init; } = 20;

    /// <summary>Spread of request lengths: the σ of their logarithm (lognormal). Default 1 (median 12 min, p99 2 h at a 20 min mean).</summary>
    public double RequestSizeSigma { get; init; } = 1;

    /// <summary>Audio per chunk, in seconds; a request is cut into equal chunks of about this length. Default 15.</summary>
    public double ChunkSeconds { get; init; } = 15;

    /// <summary>How arrivals spread over the day. Default <see cref="DiurnalCurve.Evening"/>.</summary>
    public DiurnalCurve Curve { get; init; } = DiurnalCurve.Evening;

    /// <summary>Time from asking for a worker to its pulling work. Default 90 s.</summary>
    public BootTimeRange Boot { get; init; } = BootTimeRange.Fixed(90);

    /// <summary>Engine seconds per second of audio on one GPU. Default 0.01 (Kokoro-82M on an RTX 4090-class GPU).</summary>
    public double RealTimeFactor { get; init; } = 0.01;

    /// <summary>Chunks a worker leases and synthesises as one batch. Default 8.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>What one worker costs per hour, billed from the request to create it until it is terminated. Default 0.34.</summary>
    public decimal PricePerHourUsd { get; init; } = 0.34m;

    /// <summary>Seconds between scaler ticks. Default 2.</summary>
    public double TickSeconds { get; init; } = 2;

    /// <summary>The pool's idle window (the product's default). Default 300 s.</summary>
    public double IdleWindowSeconds { get; init; } = 300;

    /// <summary>The policy's <see cref="ScalingPolicyOptions.TargetWaitSeconds"/> (the product's default). Default 60.</summary>
    public double TargetWaitSeconds { get; init; } = 60;

    /// <summary>The pool's bounds. Default 0..50.</summary>
    public PoolBounds Bounds { get; init; } = new(0, 50);

    /// <summary>What the pool may spend per hour; null for no budget (the default).</summary>
    public decimal? BudgetUsdPerHour { get; init; }

    /// <summary>Simulated days, warm-up included. Default 3.</summary>
    public double Days { get; init; } = 3;

    /// <summary>Days at the start whose requests and costs are left out of the figures. Default 1.</summary>
    public double WarmUpDays { get; init; } = 1;

    /// <summary>Seed of the random arrivals and boot times. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The order workers take chunks in. Default <see cref="DispatchOrder.Fifo"/>.</summary>
    public DispatchOrder Dispatch { get; init; } = DispatchOrder.FreshFirst;

    public double RequestsPerDay => Users * HoursPerUser * 60 / RequestMinutes;

    /// <summary>The offered load as busy workers, on average over the day: engine seconds asked for per second.</summary>
    public double MeanLoadWorkers => Users * HoursPerUser * 3600 * RealTimeFactor / 86_400;

    public double PeakLoadWorkers => MeanLoadWorkers * Curve.Peak;

    public double MeasuredDays => Days - WarmUpDays;
}
