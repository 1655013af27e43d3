namespace AutoScale.Audio.Tests;

public sealed class PcmEncoderTests
{
    [Fact]
    public async Task The_bytes_are_the_samples_and_nothing_else()
    {
        var samples = Signals.Noise(20_001, seed: 9);

        var file = await Encode.ToBytesAsync(AudioFormat.Pcm, 22050, samples, seekable: false, writeSizes: [1, 3000, 17]);

        Assert.Equal(Signals.LittleEndian(samples), file);
    }

    [Fact]
    public async Task Float_samples_are_clamped_and_rounded()
    {
        using var output = new MemoryStream();
        await using (var encoder = AudioEncoders.Create(AudioFormat.Pcm, 22050, output, totalSamples: 4))
        {
            await encoder.WriteAsync(new float[] { 1f, -1f, 0.5f, 3f });
            await encoder.CompleteAsync();
        }

        Assert.Equal([0xFF, 0x7F, 0x00, 0x80, 0x00, 0x40, 0xFF, 0x7F], output.ToArray());
    }

    [Fact]
    public async Task No_samples_give_an_empty_file()
    {
        Assert.Empty(await Encode.ToBytesAsync(AudioFormat.Pcm, 22050, ReadOnlyMemory<short>.Empty, totalSamples: 0));
    }
}
