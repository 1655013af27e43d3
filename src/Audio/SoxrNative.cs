using System.Runtime.InteropServices;

namespace AutoScale.Audio;

/// <summary>The parts of libsoxr's <c>soxr.h</c> (0.1.x) the resampler uses.</summary>
internal static unsafe partial class SoxrNative
{
    public const string LibraryName = "libsoxr.so.0";

    /// <summary><c>SOXR_FLOAT32_I</c>: 32-bit float samples, channels interleaved.</summary>
    public const int Float32Interleaved = 0;

    /// <summary><c>SOXR_HQ</c> (<c>SOXR_20_BITQ</c>): 20-bit precision, passband to 91.3% of Nyquist.</summary>
    public const nuint HighQuality = 4;

    /// <summary><c>SOXR_LINEAR_PHASE</c>: no phase distortion; soxr removes the filter's delay from the output.</summary>
    public const nuint LinearPhase = 0x00;

    /// <summary>Returns null or a static error message (<c>soxr_error_t</c>).</summary>
    [LibraryImport(LibraryName, EntryPoint = "soxr_create")]
    public static partial SoxrHandle Create(
        double inputRate, double outputRate, uint channels, byte** error,
        SoxrIoSpec* ioSpec, SoxrQualitySpec* qualitySpec, void* runtimeSpec);

    /// <summary>A null <paramref name="input"/> says that the input has ended: the filter's tail comes out.</summary>
    [LibraryImport(LibraryName, EntryPoint = "soxr_process")]
    public static partial byte* Process(
        SoxrHandle resampler, float* input, nuint inputLength, nuint* inputDone, float* output, nuint outputLength, nuint* outputDone);

    [LibraryImport(LibraryName, EntryPoint = "soxr_delete")]
    public static partial void Delete(nint resampler);

    [LibraryImport(LibraryName, EntryPoint = "soxr_io_spec")]
    public static partial SoxrIoSpec IoSpec(int inputType, int outputType);

    [LibraryImport(LibraryName, EntryPoint = "soxr_quality_spec")]
    public static partial SoxrQualitySpec QualitySpec(CULong recipe, CULong flags);

    /// <exception cref="InvalidOperationException"><paramref name="error"/> is not null.</exception>
    public static void Check(byte* error, string call)
    {
        if (error != null)
        {
            throw new InvalidOperationException(
                $"libsoxr's {call} failed: {Marshal.PtrToStringUTF8((nint)error)}.");
        }
    }
}
