using System.Globalization;
using System.Text;

namespace AutoScale.Gateway.Captions;

/// <summary>The caption files <c>GET /v1/jobs/{id}/captions</c> writes: WebVTT and SubRip.</summary>
public static class CaptionFormat
{
    public const string VttContentType = "text/vtt; charset=utf-8";
    public const string SrtContentType = "application/x-subrip; charset=utf-8";

    /// <summary>A WebVTT file (W3C WebVTT: the signature line, then numbered cues with <c>HH:MM:SS.mmm</c> times).</summary>
    public static string WebVtt(IReadOnlyList<CaptionCue> cues)
    {
        var text = new StringBuilder("WEBVTT\n\n");
        Cues(text, cues, '.');
        return text.ToString();
    }

    /// <summary>A SubRip file (numbered cues with <c>HH:MM:SS,mmm</c> times, a blank line after each).</summary>
    public static string SubRip(IReadOnlyList<CaptionCue> cues)
    {
        var text = new StringBuilder();
        Cues(text, cues, ',');
        return text.ToString();
    }

    private static void Cues(StringBuilder text, IReadOnlyList<CaptionCue> cues, char millisecondSeparator)
    {
        for (var i = 0; i < cues.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}\n{Time(cues[i].Start, millisecondSeparator)} --> {Time(cues[i].End, millisecondSeparator)}\n");
            foreach (var line in cues[i].Lines)
            {
                // "-->" would end a WebVTT cue's text early; the arrow is harmless written apart.
                text.Append(line.Replace("-->", "- ->", StringComparison.Ordinal)).Append('\n');
            }

            text.Append('\n');
        }
    }

    private static string Time(double seconds, char millisecondSeparator)
    {
        var milliseconds = (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture,
            $"{milliseconds / 3_600_000:00}:{milliseconds / 60_000 % 60:00}:{milliseconds / 1000 % 60:00}{millisecondSeparator}{milliseconds % 1000:000}");
    }
}
