namespace AutoScale.Audio.Tests;

public sealed class VirtualAudioFileTests
{
    private static readonly int[] _chunkSizes = [22050, 0, 1, 30_011, 7, 0, 15_000];

    [Theory]
    [InlineData(AudioFormat.Wav)]
    [InlineData(AudioFormat.Pcm)]
    public async Task The_whole_virtual_file_is_the_encoders_file_byte_for_byte(AudioFormat format)
    {
        var chunks = await StoredChunks.CreateAsync(22050, _chunkSizes);
        var encoded = await chunks.EncodeAsync(format, 22050);
        var file = new VirtualAudioFile(format, 22050, chunks.SampleCounts);
        using var copy = new MemoryStream();

        await file.CopyToAsync(chunks.Opener(seekable: true), copy, CancellationToken.None);

        Assert.Equal(encoded.Length, file.Length);
        Assert.Equal(encoded, copy.ToArray());
        Assert.Equal(_chunkSizes.Sum(), file.SampleCount);
        Assert.Equal(format == AudioFormat.Wav ? WavLayout.FileLength(file.SampleCount) : 2 * file.SampleCount, file.Length);
    }

    [Theory]
    [InlineData(AudioFormat.Wav, true)]
    [InlineData(AudioFormat.Wav, false)]
    [InlineData(AudioFormat.Pcm, true)]
    public async Task Every_range_is_the_same_slice_of_the_encoded_file(AudioFormat format, bool seekableChunks)
    {
        var chunks = await StoredChunks.CreateAsync(24000, _chunkSizes);
        var encoded = await chunks.EncodeAsync(format, 24000);
        var file = new VirtualAudioFile(format, 24000, chunks.SampleCounts);
        var boundaries = Enumerable.Range(0, file.ChunkCount).Select(file.ChunkOffset).Append(file.Length).ToArray();
        var ranges = new List<(long Offset, long Length)> { (0, 0), (0, 1), (0, 44), (43, 2), (file.Length - 1, 1), (0, file.Length) };
        ranges.AddRange(boundaries.Where(b => b > 0 && b < file.Length).Select(b => (b - 1, 2L)));
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var offset = random.NextInt64(file.Length);
            ranges.Add((offset, random.NextInt64(file.Length - offset + 1)));
        }

        foreach (var (offset, length) in ranges)
        {
            using var copy = new MemoryStream();
            await file.CopyRangeAsync(offset, length, chunks.Opener(seekableChunks), copy, CancellationToken.None);
            Assert.True(
                encoded.AsSpan((int)offset, (int)length).SequenceEqual(copy.ToArray()),
                $"Bytes {offset} to {offset + length} differ from the encoded file.");
        }
    }

    [Fact]
    public void Ranges_split_at_the_header_and_at_chunk_boundaries_skipping_empty_chunks()
    {
        var file = new VirtualAudioFile(AudioFormat.Wav, 22050, [3, 0, 2]);

        Assert.Equal(54, file.Length);
        Assert.Equal([44L, 50, 50], Enumerable.Range(0, 3).Select(file.ChunkOffset));
        Assert.Equal(
            [new(null, 40, 4), new(0, 16, 6), new(2, 16, 3)],
            file.Map(40, 13));
        Assert.Equal([new VirtualAudioSegment(2, 19, 1)], file.Map(53, 1));
        Assert.Empty(file.Map(54, 0));
    }

    [Fact]
    public async Task A_range_opens_only_the_chunks_it_touches()
    {
        var chunks = await StoredChunks.CreateAsync(22050, 1000, 1000, 1000);
        var file = new VirtualAudioFile(AudioFormat.Wav, 22050, chunks.SampleCounts);

        await file.CopyRangeAsync(file.ChunkOffset(1) + 10, 100, chunks.Opener(seekable: true), Stream.Null, CancellationToken.None);

        Assert.Equal(1, chunks.Opened);
    }

    [Fact]
    public void A_range_outside_the_file_is_rejected()
    {
        var file = new VirtualAudioFile(AudioFormat.Pcm, 22050, [10]);

        Assert.Throws<ArgumentOutOfRangeException>(() => file.Map(15, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => file.Map(-1, 1));
    }

    [Fact]
    public async Task A_chunk_that_disagrees_with_the_layout_is_reported()
    {
        var chunks = await StoredChunks.CreateAsync(22050, 100, 200);
        var file = new VirtualAudioFile(AudioFormat.Wav, 22050, [100, 201]);

        var error = await Assert.ThrowsAsync<ChunkAudioFormatException>(
            () => file.CopyToAsync(chunks.Opener(seekable: true), Stream.Null, CancellationToken.None));

        Assert.Equal("Chunk 1 holds 200 samples at 22050 Hz but the file was laid out for 201 at 22050 Hz.", error.Message);
    }

    [Fact]
    public void Opus_has_no_virtual_file()
    {
        Assert.Throws<ArgumentException>(() => new VirtualAudioFile(AudioFormat.Opus, 22050, [100]));
    }
}
