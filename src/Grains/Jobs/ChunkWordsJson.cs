using System.Text.Json;
using AutoScale.Interfaces.Work;

namespace AutoScale.Grains.Jobs;

/// <summary><c>job_chunks.words</c>: a chunk's words as compact JSON, <c>[{"w": text, "s": start, "e": end}]</c>, times to the millisecond.</summary>
public static class ChunkWordsJson
{
    public static string Write(IReadOnlyList<ChunkWord> words) =>
        JsonSerializer.Serialize(words.Select(w => new StoredWord(w.Text, Math.Round(w.Start, 3), Math.Round(w.End, 3))));

    public static IReadOnlyList<ChunkWord> Read(string json) =>
        [.. (JsonSerializer.Deserialize<StoredWord[]>(json) ?? []).Select(w => new ChunkWord { Text = w.W, Start = w.S, End = w.E })];

    private sealed record StoredWord(
        [property: System.Text.Json.Serialization.JsonPropertyName("w")] string W,
        [property: System.Text.Json.Serialization.JsonPropertyName("s")] double S,
        [property: System.Text.Json.Serialization.JsonPropertyName("e")] double E);
}
