using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AutoScale.Audio;

/// <summary>
/// Float samples in [-1, 1] to and from 16-bit PCM. Both directions scale by 32768, so every 16-bit value survives a
/// round trip through float exactly; +1.0 (32768) clamps to 32767 instead of wrapping to -32768.
/// </summary>
public static class PcmConversion
{
    private const float Scale = 32768f;

    /// <summary>One sample: scaled, rounded to nearest (ties to even), clamped; NaN becomes 0.</summary>
    public static short ToInt16(float sample)
    {
        var scaled = MathF.Round(sample * Scale);
        if (scaled >= short.MaxValue)
        {
            return short.MaxValue;
        }

        if (scaled <= short.MinValue)
        {
            return short.MinValue;
        }

        // NaN fails both comparisons above and converts to 0 here rather than to an undefined value.
        return float.IsNaN(scaled) ? (short)0 : (short)scaled;
    }

    /// <summary>One sample: <paramref name="sample"/> / 32768, in [-1, 1).</summary>
    public static float ToFloat(short sample) => sample / Scale;

    /// <summary>Converts <paramref name="source"/> into the start of <paramref name="destination"/>.</summary>
    public static void ToInt16(ReadOnlySpan<float> source, Span<short> destination)
    {
        CheckLength(source.Length, destination.Length);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = ToInt16(source[i]);
        }
    }

    /// <summary>Converts <paramref name="source"/> into the start of <paramref name="destination"/>.</summary>
    public static void ToFloat(ReadOnlySpan<short> source, Span<float> destination)
    {
        CheckLength(source.Length, destination.Length);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] / Scale;
        }
    }

    /// <summary>Writes samples as 16-bit little-endian into the start of <paramref name="destination"/>.</summary>
    public static void ToLittleEndianBytes(ReadOnlySpan<short> source, Span<byte> destination)
    {
        CheckLength(source.Length * sizeof(short), destination.Length);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(source).CopyTo(destination);
            return;
        }

        BinaryPrimitives.ReverseEndianness(source, MemoryMarshal.Cast<byte, short>(destination[..(source.Length * sizeof(short))]));
    }

    /// <summary>Reads 16-bit little-endian samples (an even number of bytes) into the start of <paramref name="destination"/>.</summary>
    public static void FromLittleEndianBytes(ReadOnlySpan<byte> source, Span<short> destination)
    {
        if (source.Length % sizeof(short) != 0)
        {
            throw new ArgumentException("16-bit samples need an even number of bytes.", nameof(source));
        }

        var samples = MemoryMarshal.Cast<byte, short>(source);
        CheckLength(samples.Length, destination.Length);
        if (BitConverter.IsLittleEndian)
        {
            samples.CopyTo(destination);
            return;
        }

        BinaryPrimitives.ReverseEndianness(samples, destination);
    }

    private static void CheckLength(int needed, int available)
    {
        if (available < needed)
        {
            throw new ArgumentException($"The destination holds {available} but {needed} are needed.", "destination");
        }
    }
}
