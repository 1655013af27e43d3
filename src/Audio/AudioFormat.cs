namespace AutoScale.Audio;

/// <summary>
/// The formats a job's audio is delivered in. All are mono; the sample rate is the engine's unless the encoder is
/// asked to resample (<see cref="AudioEncoders.Create"/>), except that Opus resamples to the nearest rate Opus takes.
/// </summary>
public enum AudioFormat
{
    /// <summary>RIFF/WAVE, PCM 16-bit little-endian, mono.</summary>
    Wav,

    /// <summary>Opus in an Ogg container (RFC 7845).</summary>
    Opus,

    /// <summary>Raw PCM 16-bit little-endian, mono, no header.</summary>
    Pcm,

    /// <summary>MPEG Layer III, constant bitrate, encoded by LAME.</summary>
    Mp3,

    /// <summary>FLAC (lossless), 16-bit, encoded by libFLAC.</summary>
    Flac,

    /// <summary>AAC-LC in ADTS frames (no container), encoded by FFmpeg's native encoder.</summary>
    Aac,
}
