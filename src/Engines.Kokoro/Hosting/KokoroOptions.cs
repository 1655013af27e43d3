using System.ComponentModel.DataAnnotations;
using AutoScale.Engines.Batching;

namespace AutoScale.Engines.Kokoro.Hosting;

/// <summary>How a worker runs Kokoro (<c>Kokoro</c> section): dynamic batching and the seed.</summary>
public sealed class KokoroOptions
{
    public const string SectionName = "Kokoro";

    /// <summary>
    /// Most phoneme chunks in one forward pass; the worker holds this many chunks at once. Default 8 on a GPU and 1 on
    /// a CPU, where one chunk already keeps every core busy and a batch of 8 measured 3× slower than 8 in turn.
    /// </summary>
    [Range(1, 256)]
    public int? BatchSize { get; set; }

    /// <summary>How long a chunk waits for others to share its batch. Default 10 ms.</summary>
    [Range(0, 10_000)]
    public int BatchWaitMilliseconds { get; set; } = 10;

    /// <summary>Chunks share a batch only while the longest is at most this many times the shortest. Default 2.</summary>
    [Range(1.0, 1000.0)]
    public double BatchLengthRatio { get; set; } = 2.0;

    /// <summary>Seeds the random source of every chunk: the same text and voice always give the same audio. Default 0.</summary>
    public long Seed { get; set; }

    /// <summary>The batch size on <paramref name="gpu"/> or not, when none is configured.</summary>
    public int BatchSizeOn(bool gpu) => BatchSize ?? (gpu ? 8 : 1);

    public BatchingOptions Batching(bool gpu) => new()
    {
        MaxBatchSize = BatchSizeOn(gpu),
        MaxWaitMilliseconds = BatchWaitMilliseconds,
        MaxLengthRatio = BatchLengthRatio,
    };
}
