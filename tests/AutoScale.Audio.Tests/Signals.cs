namespace AutoScale.Audio.Tests;

/// <summary>Test audio.</summary>
internal static class Signals
{
    public static float[] Sine(int sampleRate, double seconds, double frequency = 440, float amplitude = 0.5f)
    {
        var samples = new float[(int)Math.Round(sampleRate * seconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = amplitude * (float)Math.Sin(2 * Math.PI * frequency * i / sampleRate);
        }

        return samples;
    }

    public static short[] SineInt16(int sampleRate, double seconds, double frequency = 440, float amplitude = 0.5f)
    {
        var floats = Sine(sampleRate, seconds, frequency, amplitude);
        var samples = new short[floats.Length];
        PcmConversion.ToInt16(floats, samples);
        return samples;
    }

    /// <summary>Seeded noise, so that every run sees the same samples.</summary>
    public static short[] Noise(int count, int seed)
    {
        var random = new Random(seed);
        var samples = new short[count];
        for (var i = 0; i < count; i++)
        {
            samples[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);
        }

        return samples;
    }

    public static byte[] LittleEndian(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            bytes[2 * i] = (byte)samples[i];
            bytes[(2 * i) + 1] = (byte)(samples[i] >> 8);
        }

        return bytes;
    }

    /// <summary>The power of <paramref name="frequency"/> in the signal (Goertzel), per sample.</summary>
    public static double Power(ReadOnlySpan<float> samples, int sampleRate, double frequency)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (var sample in samples)
        {
            var current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        var power = (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
        return power / samples.Length / samples.Length;
    }
}
