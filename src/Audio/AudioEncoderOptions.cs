namespace AutoScale.Audio;

/// <summary>Settings of the compressed formats; WAV and PCM ignore them.</summary>
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

    /// <summary>
    /// MP3 constant bitrate in bits per second, a whole number of kbit/s from 8000 to 320000 (LAME takes the nearest
    /// bitrate the MPEG version of the sample rate has: at most 160 kbit/s below 32 kHz). 64 kbit/s by default: at
    /// the 22.05 and 24 kHz of the engines (MPEG-2, whose frames are half as long) that is transparent for one voice,
    /// about 480 KB a minute. Constant, not variable: a stream that cannot carry the info tag still lets players
    /// compute its duration and seek from the byte rate.
    /// </summary>
    public int Mp3Bitrate { get; init; } = 64_000;

    /// <summary>
    /// FLAC compression level, 0 (fastest) to 8 (smallest). 5 by default, the flac tool's: the higher levels cost
    /// several times the CPU for a percent or two less on speech.
    /// </summary>
    public int FlacCompressionLevel { get; init; } = 5;

    /// <summary>
    /// AAC-LC target bitrate in bits per second (16000 to 256000); 64 kbit/s by default, like MP3. FFmpeg's native
    /// encoder treats it as an average and runs over it on speech: about 80 kbit/s, 600 KB a minute, measured on eSpeak
    /// (<c>AutoScale.Bench encoders</c>).
    /// </summary>
    public int AacBitrate { get; init; } = 64_000;
}
