namespace AutoScale.Audio;

/// <summary>Settings of the lossy encoders; WAV and PCM ignore them.</summary>
public sealed record AudioEncoderOptions
{
    public static AudioEncoderOptions Default { get; } = new();

    /// <summary>Opus target bitrate in bits per second (6000 to 510000); 32 kbps is plenty for mono speech.</summary>
    public int OpusBitrate { get; init; } = 32_000;

    /// <summary>
    /// Opus encoder complexity, 0 to 10. Defaults to 5, not libopus' 10: the managed encoder then needs about a
    /// quarter less CPU, which counts over hours of audio, for a difference in speech quality that is hard to hear.
    /// </summary>
    public int OpusComplexity { get; init; } = 5;

    /// <summary>The Ogg stream serial number; random when null. Fix it to make the output reproducible.</summary>
    public int? OggSerialNumber { get; init; }
}
