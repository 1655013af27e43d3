using AutoScale.Engines.Abstractions;

namespace AutoScale.Engines.ESpeak;

/// <summary>
/// eSpeak's word events as <see cref="SpokenWord"/>s (pure). A word is the whitespace-delimited token of the text that
/// holds the event's first character (eSpeak counts characters, not UTF-16 units, from 1, and leaves punctuation out),
/// so the words are the text's own, punctuation attached, as Kokoro's are; events within one token (a number read as
/// several words) make one word. It starts at the first event's audio position and ends where the next word starts, the
/// last one with the audio.
/// </summary>
internal static class ESpeakWordEvents
{
    public static IReadOnlyList<SpokenWord> ToWords(string text, IReadOnlyList<(int Position, int Length, int Milliseconds)> events, double audioSeconds)
    {
        var starts = new List<int>(text.Length + 1); // UTF-16 index of each character (code point), then the end
        for (var index = 0; index < text.Length; index += char.IsSurrogatePair(text, index) ? 2 : 1)
        {
            starts.Add(index);
        }

        starts.Add(text.Length);
        var tokens = new List<(int From, int To, double Start)>();
        foreach (var (position, _, milliseconds) in events)
        {
            var at = starts[Math.Clamp(position - 1, 0, starts.Count - 1)];
            if (at >= text.Length || char.IsWhiteSpace(text[at]))
            {
                continue;
            }

            var from = at;
            while (from > 0 && !char.IsWhiteSpace(text[from - 1]))
            {
                from--;
            }

            var to = at;
            while (to < text.Length && !char.IsWhiteSpace(text[to]))
            {
                to++;
            }

            if (tokens.Count == 0 || tokens[^1].From != from)
            {
                tokens.Add((from, to, Math.Min(milliseconds / 1000.0, audioSeconds)));
            }
        }

        return [.. tokens.Select((t, i) => new SpokenWord(
            text[t.From..t.To], t.Start, Math.Max(t.Start, i + 1 < tokens.Count ? tokens[i + 1].Start : audioSeconds)))];
    }
}
