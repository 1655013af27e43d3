using System.Globalization;
using System.Text.RegularExpressions;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Captions;

/// <summary>A caption file read back by FFmpeg's own WebVTT or SubRip demuxer (then written as SubRip, which is parsed here).</summary>
public static partial class CaptionFile
{
    public sealed record Cue(double Start, double End, string Text);

    public static async Task<IReadOnlyList<Cue>> ParseWithFfmpegAsync(string content, string format)
    {
        var input = Path.Combine(Path.GetTempPath(), $"captions-{Guid.NewGuid():N}.{format}");
        await File.WriteAllTextAsync(input, content);
        try
        {
            var result = await ExternalCommand.RunAsync(
                "ffmpeg", ["-v", "error", "-f", format == "vtt" ? "webvtt" : "srt", "-i", input, "-f", "srt", "-"], TimeSpan.FromSeconds(30));
            Assert.True(result.ExitCode == 0 && result.Errors.Length == 0, $"ffmpeg could not read the {format} file: {result.Errors}\n{content}");
            return [.. SrtCue().Matches(result.Output.Replace("\r", "", StringComparison.Ordinal)).Select(m => new Cue(
                Seconds(m.Groups["start"].Value), Seconds(m.Groups["end"].Value), m.Groups["text"].Value.Trim()))];
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static double Seconds(string time) =>
        TimeSpan.ParseExact(time, @"hh\:mm\:ss\,fff", CultureInfo.InvariantCulture).TotalSeconds;

    [GeneratedRegex(@"\d+\n(?<start>\d\d:\d\d:\d\d,\d\d\d) --> (?<end>\d\d:\d\d:\d\d,\d\d\d)\n(?<text>(.+\n?)+)")]
    private static partial Regex SrtCue();
}
