using AutoScale.Testing.Audio;
using Concentus;

namespace AutoScale.Audio.Tests;

public sealed class OpusEncoderTests
{
    [Fact]
    public async Task The_output_is_an_ogg_opus_stream()
    {
        var file = await Encode.ToBytesAsync(AudioFormat.Opus, 22050, Signals.SineInt16(22050, 3));

        var opus = OggOpusFile.Parse(file);

        Assert.True(file.AsSpan().StartsWith("OggS"u8));
        Assert.True(file.AsSpan().IndexOf("OpusHead"u8) >= 0);
        Assert.True(file.AsSpan().IndexOf("OpusTags"u8) >= 0);
        Assert.Equal(22050, opus.InputSampleRate);
        Assert.False(string.IsNullOrWhiteSpace(opus.Vendor));
        Assert.True(opus.PreSkip > 0);
    }

    [Fact]
    public async Task Granule_positions_increase_and_the_last_one_trims_to_the_exact_duration()
    {
        var file = await Encode.ToBytesAsync(AudioFormat.Opus, 22050, Signals.SineInt16(22050, 3));

        var opus = OggOpusFile.Parse(file);

        var audioPages = opus.Pages.Skip(2).ToArray();
        Assert.All(audioPages[..^1], page => Assert.Equal(page.Packets.Count * 960L, page.GranulePosition - Previous(page)));
        Assert.Equal(3 * 48_000, opus.Duration48);
        Assert.InRange(opus.AudioPackets.Count() * 960L - (opus.PreSkip + opus.Duration48), 0, 959);

        long Previous(OggPage page) => opus.Pages[(int)page.Sequence - 1].GranulePosition;
    }

    [Fact]
    public async Task A_three_second_sine_decodes_back_to_three_seconds_of_that_sine_with_opusdec()
    {
        var file = await Encode.ToBytesAsync(AudioFormat.Opus, 22050, Signals.SineInt16(22050, 3));
        using var path = new TemporaryFile(".opus");
        await File.WriteAllBytesAsync(path.Path, file);

        var info = await OpusTools.InfoAsync(path.Path);
        var decoded = await OpusTools.DecodeAsync(path.Path);

        Assert.Contains("Playback length: 0m:03.000s", info);
        Assert.InRange(decoded.Length, (3 * 48_000) - 960, (3 * 48_000) + 960);
        Signals.AssertTone(decoded.AsSpan(4800, 96_000), 48_000, 440);
    }

    [Fact]
    public async Task The_concentus_decoder_hears_the_same_sine()
    {
        var file = await Encode.ToBytesAsync(AudioFormat.Opus, 22050, Signals.SineInt16(22050, 3));
        var opus = OggOpusFile.Parse(file);
        using var decoder = OpusCodecFactory.CreateDecoder(48_000, 1);
        var decoded = new List<float>();
        var frame = new float[5760];

        foreach (var packet in opus.AudioPackets)
        {
            var count = decoder.Decode(packet, frame, frame.Length, false);
            decoded.AddRange(frame.AsSpan(0, count));
        }

        var audio = decoded.Skip(opus.PreSkip).Take((int)opus.Duration48).ToArray();
        Assert.Equal(144_000, audio.Length);
        Signals.AssertTone(audio.AsSpan(4800, 96_000), 48_000, 440);
    }

    [Fact]
    public async Task Many_small_writes_give_the_same_file_as_one_big_write()
    {
        var samples = Signals.SineInt16(22050, 3);

        var whole = await Encode.ToBytesAsync(AudioFormat.Opus, 22050, samples, options: Encode.Reproducible);
        var pieces = await Encode.ToBytesAsync(
            AudioFormat.Opus, 22050, samples, options: Encode.Reproducible, writeSizes: [1, 7, 113, 441, 4097, 5000]);

        Assert.Equal(OggOpusFile.Parse(whole).Duration48, OggOpusFile.Parse(pieces).Duration48);
        Assert.Equal(whole, pieces);
    }

    [Theory]
    [InlineData(22050, 24000)]
    [InlineData(24000, 24000)]
    [InlineData(16000, 16000)]
    [InlineData(44100, 48000)]
    [InlineData(48000, 48000)]
    [InlineData(11025, 12000)]
    public async Task Each_rate_encodes_at_the_nearest_opus_rate_and_keeps_its_duration(int sampleRate, int opusRate)
    {
        await using (var encoder = (OpusStreamEncoder)AudioEncoders.Create(AudioFormat.Opus, sampleRate, Stream.Null))
        {
            Assert.Equal(opusRate, encoder.OpusRate);
        }

        var samples = Signals.SineInt16(sampleRate, 2);
        var file = await Encode.ToBytesAsync(AudioFormat.Opus, sampleRate, samples, writeSizes: 1000);
        using var path = new TemporaryFile(".opus");
        await File.WriteAllBytesAsync(path.Path, file);

        Assert.Equal(96_000, OggOpusFile.Parse(file).Duration48);
        Assert.Contains("Playback length: 0m:02.000s", await OpusTools.InfoAsync(path.Path));
        var decoded = await OpusTools.DecodeAsync(path.Path);
        Assert.InRange(decoded.Length, 96_000 - 960, 96_000 + 960);
        Signals.AssertTone(decoded.AsSpan(4800, 48_000), 48_000, 440);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(27_562)]
    [InlineData(22_051)]
    public async Task A_duration_between_granules_rounds_to_the_nearest_one(int count)
    {
        var file = await Encode.ToBytesAsync(AudioFormat.Opus, 22050, Signals.SineInt16(22050, count / 22050.0));

        Assert.Equal((long)Math.Round(count * 48_000.0 / 22050), OggOpusFile.Parse(file).Duration48);
    }

    [Fact]
    public async Task No_audio_still_makes_a_valid_empty_file()
    {
        var file = await Encode.ToBytesAsync(AudioFormat.Opus, 22050, ReadOnlyMemory<short>.Empty);
        using var path = new TemporaryFile(".opus");
        await File.WriteAllBytesAsync(path.Path, file);

        Assert.Equal(0, OggOpusFile.Parse(file).Duration48);
        await OpusTools.InfoAsync(path.Path);
    }

    [Fact]
    public async Task Flushing_sends_the_encoded_pages_without_ending_the_file()
    {
        using var output = new MemoryStream();
        await using var encoder = AudioEncoders.Create(AudioFormat.Opus, 22050, output, options: Encode.Reproducible);
        await encoder.WriteAsync(Signals.SineInt16(22050, 0.5));

        await encoder.FlushAsync();
        var flushed = output.ToArray();
        await encoder.WriteAsync(Signals.SineInt16(22050, 0.5));
        await encoder.CompleteAsync();

        var pages = OggReader.Pages(flushed);
        Assert.Equal(3, pages.Count);
        Assert.False(pages[^1].IsLast);
        Assert.True(pages[^1].GranulePosition > 0);
        Assert.Equal(flushed, output.ToArray()[..flushed.Length]);
        Assert.Equal(48_000, OggOpusFile.Parse(output.ToArray()).Duration48);
    }

    [Fact]
    public async Task A_higher_bitrate_makes_a_larger_file()
    {
        var samples = Signals.SineInt16(22050, 2, amplitude: 0.3f);

        var low = await Encode.ToBytesAsync(AudioFormat.Opus, 22050, samples, options: new AudioEncoderOptions { OpusBitrate = 16_000 });
        var high = await Encode.ToBytesAsync(AudioFormat.Opus, 22050, samples, options: new AudioEncoderOptions { OpusBitrate = 96_000 });

        Assert.True(high.Length > low.Length * 2, $"96 kbps gave {high.Length} bytes, 16 kbps {low.Length}.");
        Assert.InRange(low.Length, 2 * 16_000 / 8 / 2, 2 * 16_000 / 8 * 2);
    }

    [Fact]
    public void An_impossible_bitrate_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => AudioEncoders.Create(AudioFormat.Opus, 22050, Stream.Null, options: new AudioEncoderOptions { OpusBitrate = 1000 }));
    }
}
