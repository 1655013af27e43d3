namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>A part of the text Kokoro can say in one pass.</summary>
/// <param name="Text">The source text of the chunk (whitespace between its pieces folded to single spaces).</param>
/// <param name="Phonemes">Its Kokoro phonemes, at most the chunker's limit (510 by default) code points.</param>
public sealed record PhonemeChunk(string Text, string Phonemes);
