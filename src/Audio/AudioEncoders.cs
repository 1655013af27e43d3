namespace AutoScale.Audio;

/// <summary>Creates the streaming encoder of each <see cref="AudioFormat"/>.</summary>
public static class AudioEncoders
{
    /// <summary>An encoder writing one file of mono audio.</summary>
    /// <param name="format">The file's format.</param>
    /// <param name="sampleRate">The rate of the samples that will be written, in Hz.</param>
    /// <param name="output">Where the file goes; it stays open and is written only during the encoder's calls.</param>
    /// <param name="totalSamples">
    /// The number of samples that will be written, when known: WAV then states the exact sizes in its header (and
    /// its length is <see cref="WavLayout.FileLength"/>); WAV and PCM check on completion that exactly this many were
    /// written. Null for progressive output whose end is not known yet. Opus ignores it.
    /// </param>
    /// <param name="options">Opus settings; <see cref="AudioEncoderOptions.Default"/> when null.</param>
    public static IAudioStreamEncoder Create(
        AudioFormat format,
        int sampleRate,
        Stream output,
        long? totalSamples = null,
        AudioEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, ChunkAudioHeader.MaxSampleRate);
        if (totalSamples is { } total)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(total, nameof(totalSamples));
        }

        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        return format switch
        {
            AudioFormat.Wav => new WavStreamEncoder(sampleRate, output, totalSamples),
            AudioFormat.Pcm => new PcmStreamEncoder(sampleRate, output, totalSamples),
            AudioFormat.Opus => new OpusStreamEncoder(sampleRate, output, options ?? AudioEncoderOptions.Default),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an audio format."),
        };
    }
}
