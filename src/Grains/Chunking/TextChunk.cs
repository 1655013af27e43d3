namespace AutoScale.Grains.Chunking;

/// <summary>A chunk as a range of the original text, so the caller keeps no copy of it.</summary>
/// <param name="Start">Index of the chunk's first UTF-16 code unit in the text.</param>
/// <param name="Length">Number of UTF-16 code units in the chunk.</param>
public readonly record struct TextChunk(int Start, int Length)
{
    /// <summary>Index just past the chunk's last code unit.</summary>
    public int End => Start + Length;

    /// <summary>The chunk's characters in <paramref name="text"/>, which must be the text it was cut from.</summary>
    public ReadOnlySpan<char> AsSpan(string text) => text.AsSpan(Start, Length);

    /// <summary>The chunk's text, copied out of <paramref name="text"/>, which must be the text it was cut from.</summary>
    public string Slice(string text) => text.Substring(Start, Length);
}
