namespace AutoScale.Audio;

/// <summary>
/// Encodes mono samples into one audio file written to a stream as they arrive, holding only a bounded buffer (at
/// most about a second of encoded Opus), whatever the total length. Created by <see cref="AudioEncoders.Create"/>.
/// Not thread-safe: one writer at a time. The output stream belongs to the caller and stays open.
/// </summary>
public interface IAudioStreamEncoder : IAsyncDisposable
{
    AudioFormat Format { get; }

    /// <summary>
    /// The sample rate of the file, in Hz: that of the samples written, unless the encoder was made to resample, then
    /// the rate resampled to. What a content type with a rate (raw PCM's) states.
    /// </summary>
    int SampleRate { get; }

    /// <summary>Samples written so far, at the rate they were written in.</summary>
    long SamplesWritten { get; }

    /// <summary>Encodes 16-bit samples (the stored chunk form).</summary>
    ValueTask WriteAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken = default);

    /// <summary>Encodes float samples in [-1, 1], converted as <see cref="PcmConversion.ToInt16(float)"/> does.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes out everything that can be without ending the file (the header if not yet sent, Opus pages of the
    /// frames already encoded) and flushes the stream: for progressive download when no more audio is ready yet.
    /// </summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the file (Opus: the last, padded frame and the end-of-stream page; WAV on a seekable stream without a
    /// known length: the real sizes) and flushes the stream. Nothing may be written after it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A total length was promised and a different number of samples was written.</exception>
    ValueTask CompleteAsync(CancellationToken cancellationToken = default);
}
