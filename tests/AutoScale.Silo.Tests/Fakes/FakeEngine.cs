using AutoScale.Engines.Abstractions;

namespace AutoScale.Silo.Tests.Fakes;

/// <summary>An engine whose every call does what the test says (by default: a second of silence with one word).</summary>
public sealed class FakeEngine(int maxConcurrency = 1) : ISpeechEngine
{
    public string Name => "fake";

    public EngineCapabilities Capabilities { get; } = new(22_050, maxConcurrency, 1, "cpu");

    public IReadOnlyList<EngineVoice> Voices { get; } = [new("en-us", "English", ["en-us"])];

    /// <summary>Raised as each call starts.</summary>
    public Signal Called { get; } = new();

    public Func<SynthesisRequest, CancellationToken, Task<SynthesisResult>> Speak { get; set; } = (_, _) =>
        Task.FromResult(new SynthesisResult(new float[22_050], 22_050, [new SpokenWord("Hello", 0.1, 0.6)]));

    public async Task<IReadOnlyList<SynthesisResult>> SynthesizeAsync(IReadOnlyList<SynthesisRequest> batch, CancellationToken cancellationToken)
    {
        Called.Raise();
        return [await Speak(batch.Single(), cancellationToken)];
    }

    public void Dispose()
    {
    }
}
