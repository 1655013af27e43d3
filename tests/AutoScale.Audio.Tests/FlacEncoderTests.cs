using AutoScale.Testing.Audio;

namespace AutoScale.Audio.Tests;

public sealed class FlacEncoderTests
{
    [NeedsFact("flac", "metaflac")]
    public async Task A_finished_file_is_lossless_and_its_stream_info_has_the_total_and_the_md5_that_flac_checks()
    {
        var samples = Signals.Noise(22050 * 7 + 123, seed: 5);
        var bytes = await Encode.AsDeliveredAsync(AudioFormat.Flac, 22050, samples, Delivery.Finished);
        using var file = await Encode.ToFileAsync(AudioFormat.Flac, bytes);

        await ReferenceTool.Flac.RunAsync("--test", "--silent", file.Path);
        var (total, md5) = await Decoders.StreamInfoAsync(file.Path);
        var decoded = await Decoders.FlacAsync(file.Path);

        Assert.Equal(samples.Length, total);
        Assert.NotEqual(new string('0', 32), md5);
        Assert.Equal(samples, decoded);
    }

    [NeedsFact("flac", "metaflac")]
    public async Task A_streamed_file_leaves_the_total_unknown_and_is_still_lossless()
    {
        var samples = Signals.Noise(22050 * 7 + 123, seed: 6);
        var bytes = await Encode.AsDeliveredAsync(AudioFormat.Flac, 22050, samples, Delivery.Streamed);
        using var file = await Encode.ToFileAsync(AudioFormat.Flac, bytes);

        await ReferenceTool.Flac.RunAsync("--test", "--silent", file.Path);
        var (total, md5) = await Decoders.StreamInfoAsync(file.Path);
        var decoded = await Decoders.FlacAsync(file.Path);

        Assert.Equal(0, total);
        Assert.Equal(new string('0', 32), md5);
        Assert.Equal(samples, decoded);
    }

    [NeedsFact("flac", "metaflac")]
    public async Task A_stream_whose_total_is_known_states_it_from_the_start()
    {
        var samples = Signals.SineInt16(24000, 3);
        var bytes = await Encode.ToBytesAsync(AudioFormat.Flac, 24000, samples, totalSamples: samples.Length, seekable: false);
        using var file = await Encode.ToFileAsync(AudioFormat.Flac, bytes);

        Assert.Equal(samples.Length, (await Decoders.StreamInfoAsync(file.Path)).TotalSamples);
        Assert.Equal(samples, await Decoders.FlacAsync(file.Path));
    }

    [NeedsFact("flac", "metaflac")]
    public async Task No_audio_still_makes_a_valid_empty_file()
    {
        var bytes = await Encode.ToBytesAsync(AudioFormat.Flac, 22050, ReadOnlyMemory<short>.Empty, totalSamples: 0);
        using var file = await Encode.ToFileAsync(AudioFormat.Flac, bytes);

        await ReferenceTool.Flac.RunAsync("--test", "--silent", file.Path);
        Assert.Equal(0, (await Decoders.StreamInfoAsync(file.Path)).TotalSamples);
    }

    [NeedsFact("flac")]
    public async Task A_higher_compression_level_makes_a_smaller_file()
    {
        var samples = Signals.SineInt16(22050, 5, frequency: 220);
        samples[10_000] = short.MaxValue;

        var fastest = await Encode.ToBytesAsync(AudioFormat.Flac, 22050, samples, options: new AudioEncoderOptions { FlacCompressionLevel = 0 });
        var standard = await Encode.ToBytesAsync(AudioFormat.Flac, 22050, samples);

        Assert.True(standard.Length < fastest.Length, $"Level 5 gave {standard.Length} bytes, level 0 {fastest.Length}.");
    }

    [NeedsTheory("flac")]
    [InlineData(-1)]
    [InlineData(9)]
    public void An_impossible_compression_level_is_refused(int level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => AudioEncoders.Create(AudioFormat.Flac, 22050, Stream.Null, options: new AudioEncoderOptions { FlacCompressionLevel = level }));
    }
}
