namespace AutoScale.Audio.Tests;

/// <summary>The encoders hold a bounded amount whatever the length: long audio in one-second writes.</summary>
public sealed class StreamingTests
{
    [Theory]
    [InlineData(AudioFormat.Wav)]
    [InlineData(AudioFormat.Pcm)]
    public async Task Ten_minutes_encode_without_allocating_in_proportion(AudioFormat format)
    {
        const int Rate = 22050;
        const int Seconds = 600;
        var second = Signals.Sine(Rate, 1);
        var output = new CountingStream();
        await using var encoder = AudioEncoders.Create(format, Rate, output, (long)Rate * Seconds);
        await encoder.WriteAsync(second);

        // Everything below completes synchronously on this thread (the stream does), so the count is this work's own.
        // It is not zero in Debug builds, whose async state machines are heap objects: a few hundred bytes a call.
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < Seconds; i++)
        {
            await encoder.WriteAsync(second);
        }

        await encoder.CompleteAsync();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((format == AudioFormat.Wav ? 44 : 0) + (2L * Rate * Seconds), output.BytesWritten);
        Assert.True(allocated < 1024 * 1024, $"{allocated} bytes allocated while writing {output.BytesWritten}.");
    }

    [Fact]
    public async Task Opus_writes_its_pages_out_as_it_goes()
    {
        // Concentus allocates short-lived buffers for every frame, so allocation is no measure here; what is held
        // back is: the pages are written out within the write that fills them, leaving at most the open page.
        const int Rate = 22050;
        var second = Signals.Sine(Rate, 1);
        var output = new CountingStream();
        await using var encoder = (OpusStreamEncoder)AudioEncoders.Create(AudioFormat.Opus, Rate, output);
        var written = new List<long>();

        for (var i = 0; i < 120; i++)
        {
            await encoder.WriteAsync(second);
            Assert.Equal(0, encoder.PendingBytes);
            written.Add(output.BytesWritten);
        }

        await encoder.CompleteAsync();

        for (var i = 2; i < written.Count; i++)
        {
            Assert.True(written[i] > written[i - 2], $"Nothing was written out between seconds {i - 2} and {i}.");
        }

        Assert.InRange(output.BytesWritten - written[^1], 1, 8 * 1024);
    }

    [NeedsTheory("mp3", "flac", "aac")]
    [InlineData(AudioFormat.Mp3)]
    [InlineData(AudioFormat.Flac)]
    [InlineData(AudioFormat.Aac)]
    public async Task Compressed_formats_write_their_frames_out_as_they_go(AudioFormat format)
    {
        const int Rate = 24000;
        var second = Signals.Sine(Rate, 1);
        var output = new CountingStream();
        await using var encoder = AudioEncoders.Create(format, Rate, output);
        var written = new List<long>();

        for (var i = 0; i < 30; i++)
        {
            await encoder.WriteAsync(second);
            await encoder.FlushAsync();
            written.Add(output.BytesWritten);
        }

        await encoder.CompleteAsync();

        for (var i = 1; i < written.Count; i++)
        {
            Assert.True(written[i] > written[i - 1], $"Nothing was written out in second {i}.");
        }

        // What completion adds is the tail held back for lookahead and the last frame, not the file.
        Assert.InRange(output.BytesWritten - written[^1], 1, 16 * 1024);
    }
}
