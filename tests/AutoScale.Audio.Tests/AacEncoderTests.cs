using System.Diagnostics;
using AutoScale.Testing.Audio;

namespace AutoScale.Audio.Tests;

public sealed class AacEncoderTests
{
    [NeedsFact("aac", "ffprobe")]
    public async Task The_stream_is_aac_lc_in_adts_frames_of_a_thousand_and_twenty_four_samples()
    {
        var samples = Signals.SineInt16(24000, 10);
        var bytes = await Encode.AsDeliveredAsync(AudioFormat.Aac, 24000, samples, Delivery.Streamed);
        using var file = await Encode.ToFileAsync(AudioFormat.Aac, bytes);

        var probed = await Decoders.ProbeAsync(file.Path);
        var frames = new AdtsFrameCounter();
        frames.Add(bytes);

        Assert.Equal(("aac", "LC", 24000, 1), (probed.Codec, probed.Profile, probed.SampleRate, probed.Channels));

        // The priming frame, then the samples, the last frame padded.
        Assert.Equal((samples.Length + 1024 + 1023) / 1024, frames.Frames);
    }

    [NeedsFact("aac")]
    public async Task A_flush_gives_out_the_frames_of_what_was_written()
    {
        using var output = new MemoryStream();
        await using var encoder = AudioEncoders.Create(AudioFormat.Aac, 22050, output);

        await encoder.WriteAsync(Signals.SineInt16(22050, 3));
        await encoder.FlushAsync();

        var frames = new AdtsFrameCounter();
        frames.Add(output.ToArray());
        Assert.InRange(frames.Frames, ((3 * 22050) - 4096) / 1024, (3 * 22050 / 1024) + 1);
    }

    [NeedsFact("aac")]
    public async Task The_bitrate_is_the_one_chosen()
    {
        const int Seconds = 20;
        var bytes = await Encode.ToBytesAsync(AudioFormat.Aac, 24000, Signals.Noise(24000 * Seconds, seed: 3));

        Assert.InRange(bytes.Length, Seconds * 64_000 / 8 * 0.9, Seconds * 64_000 / 8 * 1.1);
    }

    [NeedsFact("aac")]
    public async Task One_long_write_does_not_deadlock_on_ffmpegs_full_pipes()
    {
        // Two minutes in one write: ffmpeg's output fills its pipe long before its input has all been written.
        var samples = Signals.Noise(24000 * 120, seed: 4);

        var bytes = await Encode.ToBytesAsync(AudioFormat.Aac, 24000, samples).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(bytes.Length > 120 * 64_000 / 8 * 0.9, $"{bytes.Length} bytes for two minutes.");
    }

    [NeedsFact("aac")]
    public async Task Disposing_an_unfinished_encoder_ends_ffmpeg()
    {
        var encoder = (AacStreamEncoder)AudioEncoders.Create(AudioFormat.Aac, 22050, new MemoryStream());
        await encoder.WriteAsync(Signals.SineInt16(22050, 1));
        var ffmpeg = Process.GetProcessById(encoder.FfmpegProcessId);

        await encoder.DisposeAsync();

        Assert.True(ffmpeg.HasExited);
    }

    [NeedsFact("aac")]
    public async Task An_ffmpeg_that_fails_is_an_error_with_what_it_printed()
    {
        await using var ffmpeg = new FfmpegEncoderProcess(ReferenceTool.Ffmpeg.Location!, ["-v", "error", "-f", "no-such-format", "-i", "pipe:0", "pipe:1"]);
        ffmpeg.EndInput();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ffmpeg.WaitForExitAsync(CancellationToken.None));

        Assert.Contains("ffmpeg exited with code", failure.Message);
        Assert.Contains("no-such-format", failure.Message);
    }

    [NeedsFact("aac")]
    public void A_rate_aac_does_not_have_is_refused_with_the_rates_it_has()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => AudioEncoders.Create(AudioFormat.Aac, 20_000, Stream.Null));

        Assert.Contains("22050, 24000", refused.Message);
    }
}
