using System.Runtime.InteropServices;

namespace AutoScale.Audio.Tests;

/// <summary>Headerless sample files, as the decoders write them (little-endian, like this machine).</summary>
internal static class RawAudio
{
    public static async Task<float[]> ReadFloatsAsync(string path) =>
        MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(path)).ToArray();

    public static async Task<short[]> ReadInt16Async(string path) =>
        MemoryMarshal.Cast<byte, short>(await File.ReadAllBytesAsync(path)).ToArray();
}
