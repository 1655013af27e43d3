using System.Runtime.InteropServices;

namespace AutoScale.Testing.Audio;

/// <summary>Headerless sample files, as the decoders write them (little-endian, like this machine).</summary>
public static class RawAudio
{
    public static async Task<float[]> ReadFloatsAsync(string path) =>
        MemoryMarshal.Cast<byte, float>(await File.ReadAllBytesAsync(path)).ToArray();

    public static async Task<short[]> ReadInt16Async(string path) =>
        MemoryMarshal.Cast<byte, short>(await File.ReadAllBytesAsync(path)).ToArray();
}
