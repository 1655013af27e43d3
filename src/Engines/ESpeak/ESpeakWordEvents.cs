using AutoScale.Engines.Abstractions;

namespace AutoScale.Engines.ESpeak;

/// <summary>
/// eSpeak's word events as <see cref="SpokenWord"/>s (pure):
/// <list type="number">
/// <item>the words are the text's whitespace-delimited tokens, punctuation attached, as Kokoro's are;</item>
/// <item>a token starts at the audio position of the first word event inside it (eSpeak counts characters, not UTF-16
/// units, from 1; a number read as several words gives several events in one token);</item>
/// <item>eSpeak gives some tokens no event (it runs "it was" together, skips a lone dash): those share the time
/// between the tokens around them that have one, by their length in characters;</item>
/// <item>a word ends where the next starts, the last one with the audio.</item>
/// </list>
/// </summary>
internal static class ESpeakWordEvents
{
    public static IReadOnlyList<SpokenWord> ToWords(string text, IReadOnlyList<(int Position, int Length, int Milliseconds)> events, double audioSeconds)
    {
        var tokens = Tokens(text);
        if (tokens.Count == 0)
        {
            return [];
        }

        var characterStarts = new List<int>(text.Length + 1); // UTF-16 index of each character (code point), then the end
        for (var index = 0; index < text.Length; index += char.IsSurrogatePair(text, index) ? 2 : 1)
        {
            characterStarts.Add(index);
        }

        characterStarts.Add(text.Length);
        var anchors = new double?[tokens.Count];
        foreach (var (position, _, milliseconds) in events)
        {
            var at = characterStarts[Math.Clamp(position - 1, 0, characterStarts.Count - 1)];
            var token = tokens.FindIndex(t => t.From <= at && at < t.To);
            if (token >= 0 && anchors[token] is null)
            {
                anchors[token] = Math.Clamp(milliseconds / 1000.0, 0, audioSeconds);
            }
        }

        var starts = Interpolate(tokens, anchors, audioSeconds);
        return [.. tokens.Select((t, i) => new SpokenWord(
            text[t.From..t.To], starts[i], Math.Max(starts[i], i + 1 < tokens.Count ? starts[i + 1] : audioSeconds)))];
    }

    private static List<(int From, int To)> Tokens(string text)
    {
        var tokens = new List<(int From, int To)>();
        for (var index = 0; index < text.Length;)
        {
            while (index < text.Length && char.IsWhiteSpace(text[index]))
            {
                index++;
            }

            var from = index;
            while (index < text.Length && !char.IsWhiteSpace(text[index]))
            {
                index++;
            }

            if (index > from)
            {
                tokens.Add((from, index));
            }
        }

        return tokens;
    }

    /// <summary>Each token's start: its anchor, or its share of the time between the anchors around it; never going back.</summary>
    private static double[] Interpolate(List<(int From, int To)> tokens, double?[] anchors, double audioSeconds)
    {
        var starts = new double[tokens.Count];
        var previous = -1;
        for (var i = 0; i <= tokens.Count; i++)
        {
            if (i < tokens.Count && anchors[i] is null)
            {
                continue;
            }

            // Tokens previous+1 .. i-1 have no event: spread them over [time of previous, time of i).
            var from = previous < 0 ? 0 : starts[previous];
            var to = i < tokens.Count ? Math.Max(anchors[i]!.Value, from) : audioSeconds;
            var first = previous < 0 ? 0 : previous;
            var characters = 0;
            for (var k = first; k < i; k++)
            {
                characters += tokens[k].To - tokens[k].From;
            }

            var done = previous < 0 ? 0 : tokens[previous].To - tokens[previous].From;
            for (var k = previous + 1; k < i; k++)
            {
                starts[k] = from + ((to - from) * done / Math.Max(1, characters));
                done += tokens[k].To - tokens[k].From;
            }

            if (i < tokens.Count)
            {
                starts[i] = to;
                previous = i;
            }
        }

        return starts;
    }
}
