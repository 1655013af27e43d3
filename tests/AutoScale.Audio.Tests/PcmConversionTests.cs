namespace AutoScale.Audio.Tests;

public sealed class PcmConversionTests
{
    [Theory]
    [InlineData(1.0f, short.MaxValue)]
    [InlineData(-1.0f, short.MinValue)]
    [InlineData(1.5f, short.MaxValue)]
    [InlineData(-7f, short.MinValue)]
    [InlineData(float.PositiveInfinity, short.MaxValue)]
    [InlineData(float.NegativeInfinity, short.MinValue)]
    [InlineData(float.NaN, 0)]
    public void Out_of_range_floats_clamp_instead_of_wrapping_around(float sample, short expected)
    {
        Assert.Equal(expected, PcmConversion.ToInt16(sample));
    }

    [Theory]
    [InlineData(0.25f, 8192)]
    [InlineData(-0.5f, -16384)]
    [InlineData(1.4f / 32768, 1)]
    [InlineData(1.6f / 32768, 2)]
    [InlineData(-1.6f / 32768, -2)]
    [InlineData(32766.6f / 32768, 32767)]
    public void Floats_round_to_the_nearest_step(float sample, short expected)
    {
        Assert.Equal(expected, PcmConversion.ToInt16(sample));
    }

    [Fact]
    public void Every_int16_survives_a_round_trip_through_float()
    {
        for (int value = short.MinValue; value <= short.MaxValue; value++)
        {
            var sample = PcmConversion.ToFloat((short)value);
            Assert.InRange(sample, -1f, 1f);
            Assert.Equal(value, PcmConversion.ToInt16(sample));
        }
    }

    [Fact]
    public void Floats_below_the_top_step_come_back_within_half_a_step()
    {
        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            var sample = (float)((random.NextDouble() * (1 + (32767.0 / 32768))) - 1);
            Assert.InRange(PcmConversion.ToFloat(PcmConversion.ToInt16(sample)) - sample, -0.5f / 32768, 0.5f / 32768);
        }
    }

    [Fact]
    public void Span_conversions_match_the_sample_ones()
    {
        float[] floats = [0f, 0.5f, -0.5f, 1f, -1f, 2f, float.NaN, 1e-6f];
        var shorts = new short[floats.Length];
        PcmConversion.ToInt16(floats, shorts);
        Assert.Equal(floats.Select(PcmConversion.ToInt16), shorts);

        var back = new float[shorts.Length];
        PcmConversion.ToFloat(shorts, back);
        Assert.Equal(shorts.Select(PcmConversion.ToFloat), back);
    }

    [Fact]
    public void Samples_are_sixteen_bit_little_endian_bytes()
    {
        short[] samples = [0x0102, -2, short.MinValue, short.MaxValue];
        var bytes = new byte[8];
        PcmConversion.ToLittleEndianBytes(samples, bytes);
        Assert.Equal([0x02, 0x01, 0xFE, 0xFF, 0x00, 0x80, 0xFF, 0x7F], bytes);

        var back = new short[4];
        PcmConversion.FromLittleEndianBytes(bytes, back);
        Assert.Equal(samples, back);
    }

    [Fact]
    public void A_destination_too_small_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => PcmConversion.ToInt16(new float[3], new short[2]));
        Assert.Throws<ArgumentException>(() => PcmConversion.FromLittleEndianBytes(new byte[3], new short[2]));
    }
}
