namespace AutoScale.Audio;

/// <summary>
/// Encodes mono samples into one audio file written to a stream as they arrive, holding only a bounded buffer (at
/// most about a second of encoded Opus, an MP3 or FLAC frame, what ffmpeg encodes of one write for AAC), whatever the
/// total length. Created by <see cref="AudioEncoders.Create"/>. Not thread-safe: one writer at a time. The output
/// stream belongs to the caller and stays open.
/// </summary>
public interface IAudioStreamEncoder : IAsyncDisposable
{
    AudioFormat Format { get; }

    /// <summary>
    /// The sample rate of the file, in Hz: that of the samples written, unless the encoder was made to resample, then
    /// the rate resampled to. What a content type with a rate (raw PCM's) states.
    /// </summary>
    int SampleRate { get; }

    /// <summary>The rate of the samples written: <see cref="SampleRate"/>, or the rate resampled from.</summary>
    int InputSampleRate { get; }

    /// <summary>Samples written so far, at the rate they were written in.</summary>
    long SamplesWritten { get; }

    /// <summary>Encodes 16-bit samples (the stored chunk form).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken = default);

    /// <summary>Encodes float samples in [-1, 1], converted as <see cref="PcmConversion.ToInt16(float)"/> does.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes out everything that can be without ending the file (the header if not yet sent, Opus pages of the
    /// frames already encoded, the AAC frames ffmpeg is due to give out) and flushes the stream: for progressive
    /// download when no more audio is ready yet. What an encoder needs to see beyond the last sample before it can
    /// encode it (a resampler's filter, a frame's lookahead) stays held until more is written or the file completes.
    /// </summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the file (Opus: the last, padded frame and the end-of-stream page; MP3, AAC, FLAC: the last frame; on a
    /// seekable stream WAV's real sizes, MP3's info tag, FLAC's STREAMINFO) and flushes the stream. Nothing may be
    /// written after it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A total length was promised and a different number of samples was written.</exception>
    ValueTask CompleteAsync(CancellationToken cancellationToken = default);
}
