using System.Globalization;
using AutoScale.Audio;

namespace AutoScale.Gateway.Jobs;

/// <summary>The audio formats and sample rates a job (or a download of one) can ask for.</summary>
public static class AudioFormats
{
    public const string Default = "wav";

    /// <summary>Every format's wire name: wav, opus, pcm, mp3, flac, aac.</summary>
    public static IReadOnlyList<string> All { get; } = [.. AudioFormat.All.Select(f => f.WireName)];

    /// <summary>The rates audio can be delivered at: those every encoder takes (MPEG's for mp3 and aac).</summary>
    public static IReadOnlyList<int> SampleRates { get; } = [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000];

    /// <summary>What is wrong with a format and rate, in a sentence naming the field; null when they can be delivered.</summary>
    public static (string Field, string Message)? Problem(string format, int? sampleRate)
    {
        if (!AudioFormat.TryParse(format, out var parsed) || !All.Contains(format))
        {
            return ("format", $"Unknown format '{format}'. Use one of: {string.Join(", ", All)}.");
        }

        if (sampleRate is { } rate && !SampleRates.Contains(rate))
        {
            return ("sampleRate", string.Create(CultureInfo.InvariantCulture,
                $"sampleRate {rate} is not one audio is delivered at. Use one of: {string.Join(", ", SampleRates)} (or leave it out for the engine's own)."));
        }

        return AudioEncoders.IsAvailable(parsed, resampling: sampleRate is not null, out var reason)
            ? null
            : ("format", $"This gateway cannot deliver {format}{(sampleRate is null ? "" : string.Create(CultureInfo.InvariantCulture, $" at {sampleRate} Hz"))}: {reason}");
    }
}
