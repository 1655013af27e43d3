using System.Runtime.InteropServices;

namespace AutoScale.Audio;

/// <summary>The parts of LAME's <c>lame.h</c> (3.100) the MP3 encoder uses. Setters return 0 on success.</summary>
internal static unsafe partial class LameNative
{
    public const string LibraryName = "libmp3lame.so.0";

    /// <summary><c>MONO</c> of <c>MPEG_mode</c>.</summary>
    public const int ModeMono = 3;

    /// <summary>LAME's bound on what one encode call can return: 1.25 bytes a sample plus 7200.</summary>
    public static int MaxOutputBytes(int samples) => (samples * 5 / 4) + 7200;

    [LibraryImport(LibraryName, EntryPoint = "lame_init")]
    public static partial LameHandle Init();

    [LibraryImport(LibraryName, EntryPoint = "lame_close")]
    public static partial int Close(nint lame);

    [LibraryImport(LibraryName, EntryPoint = "lame_set_in_samplerate")]
    public static partial int SetInputSampleRate(LameHandle lame, int rate);

    [LibraryImport(LibraryName, EntryPoint = "lame_set_out_samplerate")]
    public static partial int SetOutputSampleRate(LameHandle lame, int rate);

    [LibraryImport(LibraryName, EntryPoint = "lame_set_num_channels")]
    public static partial int SetChannels(LameHandle lame, int channels);

    [LibraryImport(LibraryName, EntryPoint = "lame_set_mode")]
    public static partial int SetMode(LameHandle lame, int mode);

    /// <summary>Constant bitrate in kbit/s (CBR is LAME's default mode).</summary>
    [LibraryImport(LibraryName, EntryPoint = "lame_set_brate")]
    public static partial int SetBitrate(LameHandle lame, int kilobitsPerSecond);

    [LibraryImport(LibraryName, EntryPoint = "lame_set_quality")]
    public static partial int SetQuality(LameHandle lame, int quality);

    [LibraryImport(LibraryName, EntryPoint = "lame_set_bWriteVbrTag")]
    public static partial int SetWriteInfoTag(LameHandle lame, int write);

    [LibraryImport(LibraryName, EntryPoint = "lame_init_params")]
    public static partial int InitParams(LameHandle lame);

    /// <summary>Returns the bytes written to <paramref name="output"/>, or a negative error code.</summary>
    [LibraryImport(LibraryName, EntryPoint = "lame_encode_buffer")]
    public static partial int EncodeBuffer(LameHandle lame, short* left, short* right, int samples, byte* output, int outputSize);

    /// <summary>Pads the last frame with silence and returns the remaining frames (at most 7200 bytes).</summary>
    [LibraryImport(LibraryName, EntryPoint = "lame_encode_flush")]
    public static partial int EncodeFlush(LameHandle lame, byte* output, int outputSize);

    /// <summary>The finished LAME tag frame, to replace the placeholder that began the stream; its size, 0 without one.</summary>
    [LibraryImport(LibraryName, EntryPoint = "lame_get_lametag_frame")]
    public static partial nuint GetLameTagFrame(LameHandle lame, byte* buffer, nuint size);

    /// <exception cref="InvalidOperationException"><paramref name="result"/> is negative.</exception>
    public static int Check(int result, string call) =>
        result >= 0 ? result : throw new InvalidOperationException($"LAME's {call} failed with code {result}.");
}
