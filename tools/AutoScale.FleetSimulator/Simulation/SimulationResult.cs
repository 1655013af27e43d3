namespace AutoScale.FleetSimulator.Simulation;

/// <summary>What one fleet did over the measured days (after the warm-up).</summary>
public sealed record SimulationResult
{
    /// <summary>Requests that arrived after the warm-up.</summary>
    public required int Requests { get; init; }

    /// <summary>Of those, requests with no audio when the simulation ended; their waits are lower bounds.</summary>
    public required int Unserved { get; init; }

    public required double P50WaitSeconds { get; init; }

    public required double P95WaitSeconds { get; init; }

    /// <summary>p95 over finished requests of (time to the last chunk) ÷ (the request's audio length); NaN if none finished.</summary>
    public double P95DoneOverLength { get; init; }

    public required double P99WaitSeconds { get; init; }

    /// <summary>Billed workers (starting, ready and draining), averaged over time.</summary>
    public required double MeanWorkers { get; init; }

    public required int PeakWorkers { get; init; }

    public required double WorkerHoursPerDay { get; init; }

    /// <summary>Cost of 30 days at the measured daily worker-hours.</summary>
    public required decimal CostPerMonthUsd { get; init; }

    /// <summary>Workers asked for per day.</summary>
    public required double BootsPerDay { get; init; }

    /// <summary>Workers per day that were terminated (or cancelled while booting) without ever synthesising a chunk.</summary>
    public required double UnusedBootsPerDay { get; init; }

    /// <summary>Workers per day that became ready to an empty queue: the backlog they were asked for had gone.</summary>
    public required double BootsIntoEmptyQueuePerDay { get; init; }

    public required double ScaleUpsPerDay { get; init; }

    public required double ScaleDownsPerDay { get; init; }

    /// <summary>Billed workers by hour of day (0-23), averaged over the measured days.</summary>
    public required IReadOnlyList<double> MeanWorkersByHour { get; init; }

    /// <summary>Engine seconds asked for per second by hour of day: the busy workers the load needs.</summary>
    public required IReadOnlyList<double> OfferedLoadByHour { get; init; }
}
