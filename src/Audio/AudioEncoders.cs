using System.Diagnostics.CodeAnalysis;

namespace AutoScale.Audio;

/// <summary>Creates the streaming encoder of each <see cref="AudioFormat"/>.</summary>
public static class AudioEncoders
{
    /// <summary>An encoder writing one file of mono audio.</summary>
    /// <param name="format">The file's format.</param>
    /// <param name="sampleRate">The rate of the samples that will be written, in Hz.</param>
    /// <param name="output">
    /// Where the file goes; it stays open and is written only during the encoder's calls. When it can seek, the
    /// encoder completes the file in place: WAV's sizes, MP3's info tag, FLAC's STREAMINFO.
    /// </param>
    /// <param name="totalSamples">
    /// The number of samples that will be written (at <paramref name="sampleRate"/>), when known: WAV then states the
    /// exact sizes in its header (and its length is <see cref="WavLayout.FileLength"/>), FLAC the total in STREAMINFO;
    /// every format checks on completion that exactly this many were written. Null for progressive output whose end
    /// is not known yet.
    /// </param>
    /// <param name="options">Settings of the compressed formats; <see cref="AudioEncoderOptions.Default"/> when null.</param>
    /// <param name="outputSampleRate">
    /// The rate of the file, when it is to differ from <paramref name="sampleRate"/>: the samples are resampled with
    /// libsoxr before encoding, and the encoder's <see cref="IAudioStreamEncoder.SampleRate"/> is this rate. Null
    /// keeps the input's rate.
    /// </param>
    /// <exception cref="AudioCodecUnavailableException">The library or program the format (or resampling) needs is not installed.</exception>
    public static IAudioStreamEncoder Create(
        AudioFormat format,
        int sampleRate,
        Stream output,
        long? totalSamples = null,
        AudioEncoderOptions? options = null,
        int? outputSampleRate = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        CheckRate(sampleRate, nameof(sampleRate));
        if (totalSamples is { } total)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(total, nameof(totalSamples));
        }

        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        options ??= AudioEncoderOptions.Default;
        if (outputSampleRate is not { } rate || rate == sampleRate)
        {
            return CreateEncoder(format, sampleRate, output, totalSamples, options);
        }

        CheckRate(rate, nameof(outputSampleRate));
        var resampler = new SoxrResampler(sampleRate, rate);
        try
        {
            var inner = CreateEncoder(format, rate, output, totalSamples is { } count ? resampler.OutputLength(count) : null, options);
            return new ResamplingStreamEncoder(inner, resampler, output, totalSamples);
        }
        catch
        {
            resampler.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether <paramref name="format"/> can be encoded here, and with <paramref name="resampling"/> resampled: the
    /// libraries and programs it needs are installed. When not, <paramref name="reason"/> is one sentence naming the
    /// missing package, the message <see cref="Create"/> would throw.
    /// </summary>
    public static bool IsAvailable(AudioFormat format, bool resampling, [NotNullWhen(false)] out string? reason)
    {
        var needs = Dependency(format) is { } dependency ? [dependency] : new List<AudioDependency>();
        if (resampling)
        {
            needs.Add(AudioDependency.Soxr);
        }

        reason = needs.FirstOrDefault(need => !need.IsInstalled)?.MissingMessage;
        return reason is null;
    }

    private static IAudioStreamEncoder CreateEncoder(
        AudioFormat format, int sampleRate, Stream output, long? totalSamples, AudioEncoderOptions options) =>
        format switch
        {
            AudioFormat.Wav => new WavStreamEncoder(sampleRate, output, totalSamples),
            AudioFormat.Pcm => new PcmStreamEncoder(sampleRate, output, totalSamples),
            AudioFormat.Opus => new OpusStreamEncoder(sampleRate, output, totalSamples, options),
            AudioFormat.Mp3 => new Mp3StreamEncoder(sampleRate, output, totalSamples, options),
            AudioFormat.Flac => new FlacStreamEncoder(sampleRate, output, totalSamples, options),
            AudioFormat.Aac => new AacStreamEncoder(sampleRate, output, totalSamples, options),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an audio format."),
        };

    private static AudioDependency? Dependency(AudioFormat format) => format switch
    {
        AudioFormat.Mp3 => AudioDependency.Lame,
        AudioFormat.Flac => AudioDependency.Flac,
        AudioFormat.Aac => AudioDependency.Ffmpeg,
        _ => null,
    };

    private static void CheckRate(int rate, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, ChunkAudioHeader.MaxSampleRate, name);
    }
}
