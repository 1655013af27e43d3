namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>A phoneme string as Kokoro token ids.</summary>
/// <param name="Ids">One id per known phoneme, without the padding 0 the model adds at both ends.</param>
/// <param name="DroppedCount">Phonemes not in the vocabulary, left out (Kokoro drops them silently).</param>
/// <param name="PhonemeCount">
/// Phonemes (code points) before any were dropped: Kokoro picks a voice's style row by this length, not by the id count.
/// </param>
public sealed record KokoroTokens(IReadOnlyList<long> Ids, int DroppedCount, int PhonemeCount);
