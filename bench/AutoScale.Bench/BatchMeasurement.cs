namespace AutoScale.Bench;

/// <summary>One batch size of <see cref="KokoroBatchesBench"/>: the median run, or why there is none.</summary>
/// <param name="Batch">Utterances per forward.</param>
/// <param name="Runs">Measured runs after the warm-up.</param>
/// <param name="MedianSeconds">Wall seconds of the median run, from the call until the audio is back on the CPU.</param>
/// <param name="AudioSeconds">Audio seconds one run makes (all items).</param>
/// <param name="AudioSecondsPerSecond">Throughput: <c>AudioSeconds / MedianSeconds</c>.</param>
/// <param name="RealTimeFactor"><c>MedianSeconds / AudioSeconds</c>.</param>
/// <param name="PeakGpuMemoryMiB">Highest nvidia-smi sample while this size ran; null without nvidia-smi.</param>
/// <param name="PeakResidentMiB">Highest resident memory of this process while this size ran.</param>
/// <param name="Skipped">Why the size has no figures (time box, out of memory); null when it has them.</param>
public sealed record BatchMeasurement(
    int Batch,
    int Runs,
    double MedianSeconds,
    double AudioSeconds,
    double AudioSecondsPerSecond,
    double RealTimeFactor,
    long? PeakGpuMemoryMiB,
    double PeakResidentMiB,
    string? Skipped);
