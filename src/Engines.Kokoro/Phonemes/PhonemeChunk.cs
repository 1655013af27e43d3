namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>A part of the text Kokoro can say in one pass.</summary>
/// <param name="Text">The source text of the chunk (whitespace between its pieces folded to single spaces).</param>
/// <param name="Phonemes">Its Kokoro phonemes, at most the chunker's limit (510 by default) code points.</param>
/// <param name="Pieces">The word runs and punctuation it was joined from, for timing its words.</param>
public sealed record PhonemeChunk(string Text, string Phonemes, IReadOnlyList<PhonemePiece> Pieces);
