using AutoScale.Testing;

namespace AutoScale.Audio.Tests;

public sealed class ChunkAudioTests
{
    [Fact]
    public async Task The_header_is_magic_version_rate_and_count_then_the_samples()
    {
        using var stored = new MemoryStream();
        await ChunkAudio.WriteAsync(stored, new short[] { 1, -1, 0x1234 }, 22050, CancellationToken.None);

        Assert.Equal(
            [
                .. "ASCA"u8.ToArray(), 1, 0, 0, 0,
                0x22, 0x56, 0, 0,
                3, 0, 0, 0,
                1, 0, 0xFF, 0xFF, 0x34, 0x12,
            ],
            stored.ToArray());
    }

    [Fact]
    public async Task A_float_chunk_round_trips_byte_identically()
    {
        var random = new Random(3);
        var floats = Enumerable.Range(0, 20_000).Select(_ => (float)((random.NextDouble() * 2.4) - 1.2)).ToArray();
        floats[0] = 1f;
        floats[1] = -1f;
        using var first = new MemoryStream();
        await ChunkAudio.WriteAsync(first, floats, 24000, CancellationToken.None);

        first.Position = 0;
        var chunk = await ChunkAudio.ReadAsync(first, CancellationToken.None);
        using var second = new MemoryStream();
        await chunk.WriteAsync(second, CancellationToken.None);

        Assert.Equal(24000, chunk.SampleRate);
        Assert.Equal(floats.Select(PcmConversion.ToInt16), chunk.Samples.ToArray());
        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(ChunkAudio.HeaderSize + (2 * floats.Length), second.Length);
        Assert.Equal(TimeSpan.FromSeconds(20_000 / 24000.0), chunk.Duration);
    }

    [Fact]
    public async Task An_int16_chunk_reads_back_its_samples_exactly()
    {
        var samples = Signals.Noise(12_345, seed: 1);
        using var stored = new MemoryStream();
        await ChunkAudio.WriteAsync(stored, samples, 22050, CancellationToken.None);

        stored.Position = 0;
        var chunk = await ChunkAudio.ReadAsync(new ForwardOnlyStream(stored), CancellationToken.None);

        Assert.Equal(samples, chunk.Samples.ToArray());
        Assert.Equal(samples.Select(PcmConversion.ToFloat), chunk.ToFloat());
    }

    [Fact]
    public async Task An_empty_chunk_round_trips()
    {
        using var stored = new MemoryStream();
        await ChunkAudio.WriteAsync(stored, ReadOnlyMemory<float>.Empty, 22050, CancellationToken.None);
        stored.Position = 0;

        var chunk = await ChunkAudio.ReadAsync(stored, CancellationToken.None);

        Assert.Equal(ChunkAudio.HeaderSize, stored.Length);
        Assert.Equal(0, chunk.Samples.Length);
    }

    [Fact]
    public async Task A_stream_shorter_than_the_header_is_reported_as_truncated()
    {
        var error = await Assert.ThrowsAsync<ChunkAudioFormatException>(
            () => ChunkAudio.ReadAsync(new MemoryStream(new byte[10]), CancellationToken.None));

        Assert.Equal("Chunk audio is truncated: the header needs 16 bytes but there are only 10.", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Missing_samples_are_reported_as_truncated(bool seekable)
    {
        var bytes = await StoredAsync(Signals.Noise(100, seed: 2));
        Stream cut = new MemoryStream(bytes[..^1]);

        var error = await Assert.ThrowsAsync<ChunkAudioFormatException>(
            () => ChunkAudio.ReadAsync(seekable ? cut : new ForwardOnlyStream(cut), CancellationToken.None));

        Assert.Equal(
            "Chunk audio is truncated: the header announces 100 samples (200 bytes) but only 199 bytes follow it.",
            error.Message);
    }

    [Fact]
    public async Task Something_else_than_chunk_audio_is_recognised()
    {
        var bytes = await StoredAsync([1, 2, 3]);
        "RIFF"u8.CopyTo(bytes);

        var error = await Assert.ThrowsAsync<ChunkAudioFormatException>(
            () => ChunkAudio.ReadAsync(new MemoryStream(bytes), CancellationToken.None));

        Assert.Equal("Not chunk audio: expected the magic 'ASCA' but found 52494646.", error.Message);
    }

    [Fact]
    public async Task An_unknown_version_is_rejected()
    {
        var bytes = await StoredAsync([1, 2, 3]);
        bytes[4] = 2;

        var error = await Assert.ThrowsAsync<ChunkAudioFormatException>(
            () => ChunkAudio.ReadAsync(new MemoryStream(bytes), CancellationToken.None));

        Assert.Equal("Chunk audio version 2 is not supported (only 1).", error.Message);
    }

    [Fact]
    public async Task A_zero_sample_rate_is_rejected()
    {
        var bytes = await StoredAsync([1, 2, 3]);
        bytes[8] = bytes[9] = 0;

        var error = await Assert.ThrowsAsync<ChunkAudioFormatException>(
            () => ChunkAudio.ReadAsync(new MemoryStream(bytes), CancellationToken.None));

        Assert.Contains("sample rate 0 Hz", error.Message);
    }

    [Fact]
    public async Task Bytes_after_the_samples_are_rejected()
    {
        var bytes = await StoredAsync([1, 2, 3]);

        var error = await Assert.ThrowsAsync<ChunkAudioFormatException>(
            () => ChunkAudio.ReadAsync(new MemoryStream([.. bytes, 0, 0]), CancellationToken.None));

        Assert.Equal("Chunk audio is corrupt: there are bytes after the 3 samples its header announces.", error.Message);
    }

    [Fact]
    public async Task The_header_alone_tells_the_sample_count_and_leaves_the_stream_at_the_samples()
    {
        using var stored = new MemoryStream(await StoredAsync(Signals.Noise(500, seed: 4)));

        var header = await ChunkAudio.ReadHeaderAsync(stored, CancellationToken.None);

        Assert.Equal(new ChunkAudioHeader(22050, 500), header);
        Assert.Equal(1016, header.TotalLength);
        Assert.Equal(ChunkAudio.HeaderSize, stored.Position);
    }

    [Fact]
    public async Task Chunk_samples_stream_into_an_encoder()
    {
        var samples = Signals.Noise(30_000, seed: 5);
        using var stored = new MemoryStream(await StoredAsync(samples));
        using var output = new MemoryStream();
        await using var encoder = AudioEncoders.Create(AudioFormat.Pcm, 22050, output);

        var header = await ChunkAudio.CopySamplesAsync(stored, encoder, CancellationToken.None);
        await encoder.CompleteAsync();

        Assert.Equal(30_000, header.SampleCount);
        Assert.Equal(Signals.LittleEndian(samples), output.ToArray());
    }

    [Fact]
    public async Task A_chunk_at_another_rate_than_the_file_is_rejected()
    {
        using var stored = new MemoryStream(await StoredAsync([1, 2, 3]));
        await using var encoder = AudioEncoders.Create(AudioFormat.Pcm, 24000, new MemoryStream());

        var error = await Assert.ThrowsAsync<ChunkAudioFormatException>(
            () => ChunkAudio.CopySamplesAsync(stored, encoder, CancellationToken.None));

        Assert.Equal("The chunk is at 22050 Hz but the encoder takes 24000 Hz.", error.Message);
    }

    private static async Task<byte[]> StoredAsync(short[] samples)
    {
        using var stored = new MemoryStream();
        await ChunkAudio.WriteAsync(stored, samples, 22050, CancellationToken.None);
        return stored.ToArray();
    }
}
