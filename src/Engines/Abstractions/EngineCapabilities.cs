namespace AutoScale.Engines.Abstractions;

/// <summary>How an engine may be driven.</summary>
/// <param name="SampleRate">The sample rate of every result, in Hz (eSpeak NG 22050, Kokoro 24000).</param>
/// <param name="MaxConcurrency">How many <see cref="ISpeechEngine.SynthesizeAsync"/> calls may run at once.</param>
/// <param name="MaxBatchSize">How many requests one call may carry.</param>
/// <param name="Device">Where it runs: <c>cpu</c> or <c>cuda:0</c>…</param>
public sealed record EngineCapabilities(int SampleRate, int MaxConcurrency, int MaxBatchSize, string Device);
