namespace AutoScale.Engines.Abstractions;

/// <summary>
/// A speech engine: text chunk + voice + speed → mono PCM. One instance per process per engine (engines hold
/// global or GPU state); callers respect <see cref="Capabilities"/> for concurrency and batching.
/// </summary>
public interface ISpeechEngine : IDisposable
{
    /// <summary>The engine's name, which is also its pool's name (<c>espeak</c>, <c>kokoro</c>).</summary>
    string Name { get; }

    /// <summary>What the engine can do at once and what it produces.</summary>
    EngineCapabilities Capabilities { get; }

    /// <summary>The voices it can speak with, as listed by the engine itself.</summary>
    IReadOnlyList<EngineVoice> Voices { get; }

    /// <summary>
    /// Synthesises a batch of requests (at most <see cref="EngineCapabilities.MaxBatchSize"/>); results are in the
    /// order of the requests. An engine without batching runs them one after another.
    /// </summary>
    /// <exception cref="UnknownVoiceException">A request names a voice the engine does not have.</exception>
    Task<IReadOnlyList<SynthesisResult>> SynthesizeAsync(IReadOnlyList<SynthesisRequest> batch, CancellationToken cancellationToken);
}
