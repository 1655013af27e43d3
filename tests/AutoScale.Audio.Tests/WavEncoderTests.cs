using System.Buffers.Binary;

namespace AutoScale.Audio.Tests;

public sealed class WavEncoderTests
{
    [Fact]
    public async Task With_a_known_length_the_header_states_the_exact_sizes()
    {
        var samples = Signals.Noise(1000, seed: 1);

        var file = await Encode.ToBytesAsync(AudioFormat.Wav, 22050, samples, totalSamples: 1000, seekable: false);

        Assert.Equal(2044, file.Length);
        Assert.Equal("RIFF"u8.ToArray(), file[0..4]);
        Assert.Equal(2036u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal("WAVEfmt "u8.ToArray(), file[8..16]);
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(16)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(20)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(22)));
        Assert.Equal(22050u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(24)));
        Assert.Equal(44100u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(28)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(32)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(34)));
        Assert.Equal("data"u8.ToArray(), file[36..40]);
        Assert.Equal(2000u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)));
        Assert.Equal(Signals.LittleEndian(samples), file[44..]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(24000)]
    [InlineData(100_003)]
    public async Task The_pure_layout_agrees_with_the_encoder_byte_for_byte(int count)
    {
        var samples = Signals.Noise(count, seed: count);

        var file = await Encode.ToBytesAsync(AudioFormat.Wav, 24000, samples, totalSamples: count, writeSizes: [777, 1, 4096]);

        Assert.Equal(WavLayout.FileLength(count), file.Length);
        Assert.Equal(WavLayout.Header(24000, count), file[..WavLayout.HeaderSize]);
        Assert.Equal(count * 2L, WavLayout.DataLength(count));
        if (count > 0)
        {
            var last = count - 1;
            Assert.Equal(samples[last], BinaryPrimitives.ReadInt16LittleEndian(file.AsSpan((int)WavLayout.SampleOffset(last))));
        }
    }

    [Fact]
    public async Task Without_a_length_the_progressive_form_has_the_streaming_sizes()
    {
        var samples = Signals.Noise(500, seed: 2);

        var file = await Encode.ToBytesAsync(AudioFormat.Wav, 22050, samples, seekable: false);

        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)));
        Assert.Equal(WavLayout.Header(22050, sampleCount: null), file[..44]);
        Assert.Equal(WavLayout.Header(22050, 500)[8..40], file[8..40]);
        Assert.Equal(Signals.LittleEndian(samples), file[44..]);
    }

    [Fact]
    public async Task Without_a_length_a_seekable_output_gets_the_real_sizes_on_completion()
    {
        var samples = Signals.Noise(500, seed: 3);

        var file = await Encode.ToBytesAsync(AudioFormat.Wav, 22050, samples, seekable: true, writeSizes: 99);

        Assert.Equal(await Encode.ToBytesAsync(AudioFormat.Wav, 22050, samples, totalSamples: 500), file);
    }

    [Fact]
    public async Task The_header_goes_out_on_flush_before_any_sample()
    {
        using var output = new MemoryStream();
        await using var encoder = AudioEncoders.Create(AudioFormat.Wav, 22050, output);

        await encoder.FlushAsync();

        Assert.Equal(WavLayout.Header(22050, sampleCount: null), output.ToArray());
    }

    [Fact]
    public async Task Float_writes_give_the_same_file_as_their_int16_samples()
    {
        var floats = Signals.Sine(22050, 0.5);
        var shorts = new short[floats.Length];
        PcmConversion.ToInt16(floats, shorts);
        using var output = new MemoryStream();
        await using (var encoder = AudioEncoders.Create(AudioFormat.Wav, 22050, output, floats.Length))
        {
            await encoder.WriteAsync(floats.AsMemory(0, 5000));
            await encoder.WriteAsync(floats.AsMemory(5000));
            await encoder.CompleteAsync();
        }

        Assert.Equal(await Encode.ToBytesAsync(AudioFormat.Wav, 22050, shorts, shorts.Length), output.ToArray());
    }

    [Fact]
    public async Task Writing_more_than_announced_fails()
    {
        await using var encoder = AudioEncoders.Create(AudioFormat.Wav, 22050, new MemoryStream(), totalSamples: 10);
        await encoder.WriteAsync(new short[6]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => encoder.WriteAsync(new short[5]).AsTask());

        Assert.Equal("The file was announced with 10 samples; 11 would exceed it.", error.Message);
    }

    [Fact]
    public async Task A_float_write_over_the_announced_length_fails_before_writing_any_sample()
    {
        using var output = new MemoryStream();
        await using var encoder = AudioEncoders.Create(AudioFormat.Wav, 22050, output, totalSamples: 10_000);

        await Assert.ThrowsAsync<InvalidOperationException>(() => encoder.WriteAsync(new float[10_001]).AsTask());

        Assert.Equal(0, encoder.SamplesWritten);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task Completing_short_of_the_announced_length_fails()
    {
        await using var encoder = AudioEncoders.Create(AudioFormat.Wav, 22050, new MemoryStream(), totalSamples: 10);
        await encoder.WriteAsync(new short[6]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => encoder.CompleteAsync().AsTask());

        Assert.Equal("The file was announced with 10 samples but 6 were written.", error.Message);
    }

    [Fact]
    public async Task Nothing_can_be_written_after_completion()
    {
        await using var encoder = AudioEncoders.Create(AudioFormat.Wav, 22050, new MemoryStream());
        await encoder.CompleteAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => encoder.WriteAsync(new short[1]).AsTask());
    }

    [Fact]
    public void A_wav_file_holds_at_most_what_its_thirty_two_bit_sizes_can_state()
    {
        Assert.Equal(0xFFFFFFFEL, WavLayout.FileLength(WavLayout.MaxSampleCount) - 8);
        Assert.Equal(0xFFFFFFFEu, BinaryPrimitives.ReadUInt32LittleEndian(WavLayout.Header(22050, WavLayout.MaxSampleCount).AsSpan(4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavLayout.FileLength(WavLayout.MaxSampleCount + 1));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => AudioEncoders.Create(AudioFormat.Wav, 22050, new MemoryStream(), WavLayout.MaxSampleCount + 1));
    }
}
