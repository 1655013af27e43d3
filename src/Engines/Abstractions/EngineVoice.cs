namespace AutoScale.Engines.Abstractions;

/// <summary>A voice as the engine names it, with the languages it speaks (e.g. <c>en-us</c>).</summary>
public sealed record EngineVoice(string Id, string Name, IReadOnlyList<string> Languages);
