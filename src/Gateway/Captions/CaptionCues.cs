namespace AutoScale.Gateway.Captions;

/// <summary>
/// Words into captions (pure), the way subtitles are usually cut:
/// <list type="number">
/// <item>a line holds at most <see cref="MaxLineCharacters"/> characters, a cue at most <see cref="MaxLines"/> lines;
/// words are never split (a word longer than a line gets a line of its own);</item>
/// <item>a cue also ends after a word that ends a sentence (<c>. ! ? …</c>, also before a closing quote or bracket), and
/// before a pause of <see cref="PauseSeconds"/> or more;</item>
/// <item>a cue shows from its first word's start to its last word's end (at least a millisecond).</item>
/// </list>
/// </summary>
public static class CaptionCues
{
    public const int MaxLineCharacters = 42;
    public const int MaxLines = 2;
    public const double PauseSeconds = 1.0;

    public static IReadOnlyList<CaptionCue> Build(IReadOnlyList<TimedWord> words)
    {
        var cues = new List<CaptionCue>();
        var lines = new List<List<TimedWord>>();
        foreach (var word in words)
        {
            var last = lines.LastOrDefault()?.LastOrDefault();
            if (last is not null && word.Start - last.End >= PauseSeconds)
            {
                Close();
            }

            if (lines.Count == 0 || Length(lines[^1]) + 1 + word.Word.Length > MaxLineCharacters)
            {
                if (lines.Count == MaxLines)
                {
                    Close();
                }

                lines.Add([]);
            }

            lines[^1].Add(word);
            if (EndsSentence(word.Word))
            {
                Close();
            }
        }

        Close();
        return cues;

        void Close()
        {
            var cueWords = lines.SelectMany(l => l).ToList();
            if (cueWords.Count > 0)
            {
                var start = cueWords[0].Start;
                cues.Add(new CaptionCue(start, Math.Max(cueWords[^1].End, start + 0.001), [.. lines.Select(l => string.Join(' ', l.Select(w => w.Word)))]));
            }

            lines.Clear();
        }
    }

    private static int Length(List<TimedWord> line) => line.Count == 0 ? -1 : line.Sum(w => w.Word.Length) + line.Count - 1;

    private static bool EndsSentence(string word) =>
        word.TrimEnd('"', '\'', ')', ']', '\u201D', '\u2019', '»') is { Length: > 0 } bare && bare[^1] is '.' or '!' or '?' or '\u2026';
}
