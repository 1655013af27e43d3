namespace AutoScale.Engines.Kokoro.Phonemes;

/// <summary>How strong a boundary a punctuation mark makes; chunks are preferably cut after the strongest.</summary>
public enum PhonemeBreak
{
    None = 0,

    /// <summary><c>,</c> and <c>—</c>.</summary>
    Comma = 1,

    /// <summary><c>:</c> and <c>;</c>.</summary>
    Clause = 2,

    /// <summary><c>.</c>, <c>!</c>, <c>?</c> and <c>…</c>.</summary>
    Sentence = 3,
}
