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

    /// <summary>The first and the last sample louder than half of <paramref name="amplitude"/>: where the tone is heard.</summary>
    public static (int First, int Last) Heard(ReadOnlySpan<float> samples, float amplitude = 0.5f)
    {
        var threshold = amplitude / 2;
        var first = samples.IndexOfAnyExceptInRange(-threshold, threshold);
        var last = samples.LastIndexOfAnyExceptInRange(-threshold, threshold);
        Assert.True(first >= 0, "The decoded audio is silent.");
        return (first, last);
    }

    /// <summary>The first and the last sample louder than half of <paramref name="amplitude"/>.</summary>
    public static (int First, int Last) Heard(ReadOnlySpan<short> samples, float amplitude = 0.5f)
    {
        var floats = new float[samples.Length];
        PcmConversion.ToFloat(samples, floats);
        return Heard(floats, amplitude);
    }

    /// <summary>How many samples the tone is heard for, from its first loud sample to its last.</summary>
    public static int HeardLength(ReadOnlySpan<float> samples)
    {
        var (first, last) = Heard(samples);
        return last - first + 1;
    }

    public static int HeardLength(ReadOnlySpan<short> samples)
    {
        var (first, last) = Heard(samples);
        return last - first + 1;
    }

    /// <summary>Fails unless <paramref name="frequency"/> dominates the audio (against 2.5 times it).</summary>
    public static void AssertTone(ReadOnlySpan<float> audio, int sampleRate, double frequency)
    {
        var tone = Power(audio, sampleRate, frequency);
        var elsewhere = Power(audio, sampleRate, frequency * 2.5);
        Assert.True(tone > 0.01, $"The {frequency} Hz tone has power {tone}.");
        Assert.True(tone > 100 * elsewhere, $"The {frequency} Hz tone ({tone}) does not dominate {frequency * 2.5} Hz ({elsewhere}).");
    }

    /// <summary>A tone's frequency from its rising zero crossings, placed between samples by linear interpolation.</summary>
    public static double ZeroCrossingFrequency(ReadOnlySpan<float> samples, int sampleRate)
    {
        double? first = null, last = null;
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                var at = i - 1 + (samples[i - 1] / (samples[i - 1] - samples[i]));
                first ??= at;
                last = at;
                crossings++;
            }
        }

        Assert.True(crossings > 1, "The signal does not cross zero twice.");
        return (crossings - 1) * sampleRate / (last!.Value - first!.Value);
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
