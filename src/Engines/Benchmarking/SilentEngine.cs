using AutoScale.Engines.Abstractions;

namespace AutoScale.Engines.Benchmarking;

/// <summary>
/// A benchmark instrument, not a speech engine: answers every request at once with silence (one sample per
/// character at 22050 Hz), so a run measures the cluster's dispatch overhead alone. Selected only by
/// <c>Worker:Engine=silent</c>; its pool still needs a model in the catalogue to receive work.
/// </summary>
public sealed class SilentEngine : ISpeechEngine
{
    private const int SampleRate = 22050;

    public string Name => "silent";

    public EngineCapabilities Capabilities { get; } = new(SampleRate, MaxConcurrency: 64, MaxBatchSize: 1, Device: "none");

    public IReadOnlyList<EngineVoice> Voices { get; } = [];

    public Task<IReadOnlyList<SynthesisResult>> SynthesizeAsync(IReadOnlyList<SynthesisRequest> batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<SynthesisResult>>(
            [.. batch.Select(request => new SynthesisResult(new float[Math.Max(1, request.Text.Length)], SampleRate))]);
    }

    public void Dispose()
    {
    }
}
