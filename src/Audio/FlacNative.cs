using System.Runtime.InteropServices;

namespace AutoScale.Audio;

/// <summary>
/// The parts of libFLAC's stream encoder (<c>FLAC/stream_encoder.h</c>, 1.4) the FLAC encoder uses. <c>FLAC__bool</c>
/// is an int, non-zero for true. The callbacks are static <see cref="UnmanagedCallersOnlyAttribute"/> methods, so
/// there is no delegate for the garbage collector to take away while libFLAC holds the pointer.
/// </summary>
internal static unsafe partial class FlacNative
{
    public const string LibraryName = "libFLAC.so.12";

    public const int InitStatusOk = 0;
    public const int WriteStatusOk = 0;
    public const int WriteStatusFatalError = 1;
    public const int SeekStatusOk = 0;
    public const int SeekStatusError = 1;
    public const int TellStatusOk = 0;
    public const int TellStatusError = 1;

    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_new")]
    public static partial FlacEncoderHandle New();

    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_delete")]
    public static partial void Delete(nint encoder);

    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_set_channels")]
    public static partial int SetChannels(FlacEncoderHandle encoder, uint channels);

    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_set_bits_per_sample")]
    public static partial int SetBitsPerSample(FlacEncoderHandle encoder, uint bits);

    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_set_sample_rate")]
    public static partial int SetSampleRate(FlacEncoderHandle encoder, uint rate);

    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_set_compression_level")]
    public static partial int SetCompressionLevel(FlacEncoderHandle encoder, uint level);

    /// <summary>Goes into STREAMINFO as written first; a seekable output gets the real count at the end anyway.</summary>
    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_set_total_samples_estimate")]
    public static partial int SetTotalSamplesEstimate(FlacEncoderHandle encoder, ulong samples);

    /// <summary>With null seek and tell callbacks libFLAC never goes back, and STREAMINFO stays as first written.</summary>
    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_init_stream")]
    public static partial int InitStream(
        FlacEncoderHandle encoder,
        delegate* unmanaged<nint, byte*, nuint, uint, uint, nint, int> write,
        delegate* unmanaged<nint, ulong, nint, int> seek,
        delegate* unmanaged<nint, ulong*, nint, int> tell,
        void* metadata,
        nint clientData);

    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_process_interleaved")]
    public static partial int ProcessInterleaved(FlacEncoderHandle encoder, int* samples, uint count);

    /// <summary>Encodes the last frame and, with a seek callback, rewrites STREAMINFO (total samples, MD5).</summary>
    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_finish")]
    public static partial int Finish(FlacEncoderHandle encoder);

    [LibraryImport(LibraryName, EntryPoint = "FLAC__stream_encoder_get_resolved_state_string")]
    public static partial byte* GetResolvedStateString(FlacEncoderHandle encoder);

    /// <exception cref="InvalidOperationException"><paramref name="result"/> is false; the message has libFLAC's state.</exception>
    public static void Check(FlacEncoderHandle encoder, int result, string call)
    {
        if (result == 0)
        {
            throw new InvalidOperationException(
                $"libFLAC's {call} failed: {Marshal.PtrToStringUTF8((nint)GetResolvedStateString(encoder))}.");
        }
    }
}
