using System.ComponentModel.DataAnnotations;

namespace AutoScale.Engines.Batching;

/// <summary>How a <see cref="DynamicBatcher{TItem, TResult}"/> groups concurrent work.</summary>
public sealed class BatchingOptions
{
    /// <summary>Most items run in one batch. 1 turns batching off. Default 8.</summary>
    [Range(1, 256)]
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>How long the first item of a batch waits for others to join it. Default 10 ms.</summary>
    [Range(0, 10_000)]
    public int MaxWaitMilliseconds { get; set; } = 10;

    /// <summary>
    /// Items run together only while the longest is at most this many times the shortest, so padding stays small
    /// (at 2.0, at most half of a batch's work is padding). Default 2.0.
    /// </summary>
    [Range(1.0, 1000.0)]
    public double MaxLengthRatio { get; set; } = 2.0;
}
