using System.Text;
using AutoScale.Testing.Audio;

namespace AutoScale.Audio.Tests;

public sealed class Mp3EncoderTests
{
    [NeedsFact("mp3", "mpg123")]
    public async Task A_finished_file_carries_the_lame_tag_so_mpg123_gives_back_exactly_the_samples_written()
    {
        var samples = Signals.SineInt16(22050, 12.3456);
        var bytes = await Encode.AsDeliveredAsync(AudioFormat.Mp3, 22050, samples, Delivery.Finished);
        using var file = await Encode.ToFileAsync(AudioFormat.Mp3, bytes);

        var decoded = await Decoders.Mpg123Async(file.Path);

        var firstFrame = Encoding.Latin1.GetString(bytes, 0, 576);
        Assert.Contains("Info", firstFrame);
        Assert.Contains("LAME", firstFrame);
        Assert.Equal(samples.Length, decoded.Length);
        var (written, heard) = (Signals.Heard(samples), Signals.Heard(decoded));
        Assert.InRange(heard.First - written.First, -2, 2);
        Assert.InRange(heard.Last - written.Last, -2, 2);
    }

    [NeedsFact("mp3", "mpg123")]
    public async Task A_streamed_file_has_no_tag_and_mpg123_still_plays_it_whole()
    {
        var samples = Signals.SineInt16(22050, 12.3456);
        var bytes = await Encode.AsDeliveredAsync(AudioFormat.Mp3, 22050, samples, Delivery.Streamed);
        using var file = await Encode.ToFileAsync(AudioFormat.Mp3, bytes);

        var decoded = await Decoders.Mpg123Async(file.Path);

        var firstFrame = Encoding.Latin1.GetString(bytes, 0, 576);
        Assert.DoesNotContain("Info", firstFrame);
        Assert.DoesNotContain("Xing", firstFrame);
        Assert.InRange(decoded.Length, samples.Length, samples.Length + (3 * 576));
        Assert.InRange(Signals.HeardLength(decoded) - Signals.HeardLength(samples), -22, 22);
    }

    [NeedsTheory("mp3")]
    [InlineData(64_000, 22050)]
    [InlineData(64_000, 24000)]
    [InlineData(128_000, 24000)]
    [InlineData(128_000, 44100)]
    public async Task The_bitrate_is_constant_and_the_one_chosen(int bitrate, int sampleRate)
    {
        const int Seconds = 20;
        var options = new AudioEncoderOptions { Mp3Bitrate = bitrate };

        var bytes = await Encode.ToBytesAsync(AudioFormat.Mp3, sampleRate, Signals.SineInt16(sampleRate, Seconds), options: options);

        Assert.InRange(bytes.Length, Seconds * bitrate / 8 * 0.99, Seconds * bitrate / 8 * 1.02);
    }

    [NeedsFact("mp3")]
    public void A_rate_mp3_does_not_have_is_refused_with_the_rates_it_has()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => AudioEncoders.Create(AudioFormat.Mp3, 20_000, Stream.Null));

        Assert.Contains("22050, 24000", refused.Message);
        Assert.Contains("resample", refused.Message);
    }

    [NeedsTheory("mp3")]
    [InlineData(4_000)]
    [InlineData(64_500)]
    [InlineData(640_000)]
    public void An_impossible_bitrate_is_refused(int bitrate)
    {
        Assert.ThrowsAny<ArgumentException>(
            () => AudioEncoders.Create(AudioFormat.Mp3, 24000, Stream.Null, options: new AudioEncoderOptions { Mp3Bitrate = bitrate }));
    }
}
