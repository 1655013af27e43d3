namespace AutoScale.Engines.Abstractions;

/// <summary>One chunk to speak.</summary>
/// <param name="Text">The chunk's text (already chunked to the model's size).</param>
/// <param name="Voice">A voice id from <see cref="ISpeechEngine.Voices"/>.</param>
/// <param name="Speed">0.25 to 4.0; 1.0 is the voice's normal rate.</param>
public sealed record SynthesisRequest(string Text, string Voice, double Speed);
