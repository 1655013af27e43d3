namespace AutoScale.Engines.Kokoro;

/// <summary>The Kokoro files are not all there: the worker cannot serve the pool, and this says why.</summary>
public sealed class KokoroModelUnavailableException(string folder, IReadOnlyList<string> problems)
    : Exception($"The Kokoro model in {folder} cannot be loaded: {string.Join("; ", problems)}. " +
                "Put kokoro-v1_0.pth, config.json and voices/*.pt from hexgrad/Kokoro-82M there (see the README).")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
