using AutoScale.Artifacts;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Artifacts;

/// <summary>The S3 artifact store against a real S3-API server (s3rver).</summary>
public sealed class S3ArtifactStoreTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [S3rverFact]
    public async Task A_chunk_sized_artifact_reads_back_byte_identical()
    {
        using var store = s3.Store();
        var key = ArtifactKeys.Chunk(Guid.NewGuid(), 1, Guid.NewGuid());
        var content = RandomBytes(300_000);

        await store.WriteAsync(key, new MemoryStream(content), CancellationToken.None);

        Assert.True(await store.ExistsAsync(key, CancellationToken.None));
        Assert.Equal(content, await ReadAllAsync(store, key));
    }

    [S3rverFact]
    public async Task A_large_artifact_is_uploaded_in_parts_from_a_stream_and_reads_back_byte_identical()
    {
        using var store = s3.Store();
        var jobId = Guid.NewGuid();
        var key = ArtifactKeys.Final(jobId, "wav");
        var content = RandomBytes(21 * 1024 * 1024 + 12_345);

        await store.WriteAsync(key, new ForwardOnlyStream(new MemoryStream(content), maxRead: 64 * 1024), CancellationToken.None);

        Assert.Equal(content, await ReadAllAsync(store, key));
        var initiated = s3.Server.Log.Where(line => line.Contains($"{jobId:N}/final.wav?uploads", StringComparison.Ordinal)).ToList();
        var parts = s3.Server.Log.Count(line => line.Contains($"{jobId:N}/final.wav?", StringComparison.Ordinal)
                                                && line.Contains("partNumber=", StringComparison.Ordinal) && line.Contains(" 200 ", StringComparison.Ordinal));
        Assert.True(initiated.Count > 0, "No multipart upload was initiated. Server log:\n" + string.Join('\n', s3.Server.Log.TakeLast(20)));
        Assert.Equal(3, parts);
    }

    [S3rverFact]
    public async Task Seeking_and_reading_at_any_offset_returns_the_bytes_there()
    {
        using var store = s3.Store();
        var key = ArtifactKeys.Final(Guid.NewGuid(), "wav");
        var content = RandomBytes(3 * 1024 * 1024 + 777);
        await store.WriteAsync(key, new MemoryStream(content), CancellationToken.None);

        await using var stream = (await store.OpenReadAsync(key, CancellationToken.None))!;

        Assert.True(stream.CanSeek);
        Assert.Equal(content.Length, stream.Length);
        foreach (var (offset, count) in new[] { (0L, 100), (1024L * 1024 - 10, 20), (2_000_000L, 1_100_000), (content.Length - 5L, 5), (17L, 3) })
        {
            stream.Seek(offset, SeekOrigin.Begin);
            var read = new byte[count];
            await stream.ReadExactlyAsync(read);
            Assert.Equal(content.AsSpan((int)offset, count).ToArray(), read);
            Assert.Equal(offset + count, stream.Position);
        }

        stream.Seek(-10, SeekOrigin.End);
        var tail = new byte[20];
        Assert.Equal(10, await stream.ReadAtLeastAsync(tail, 20, throwOnEndOfStream: false));
        Assert.Equal(content[^10..], tail[..10]);
        Assert.Equal(0, await stream.ReadAsync(tail));
    }

    [S3rverFact]
    public async Task A_missing_artifact_opens_as_null_and_does_not_exist()
    {
        using var store = s3.Store();
        var key = ArtifactKeys.Chunk(Guid.NewGuid(), 7, Guid.NewGuid());

        Assert.Null(await store.OpenReadAsync(key, CancellationToken.None));
        Assert.False(await store.ExistsAsync(key, CancellationToken.None));
    }

    [S3rverFact]
    public async Task A_write_that_fails_part_way_leaves_the_previous_artifact()
    {
        using var store = s3.Store();
        var key = ArtifactKeys.Final(Guid.NewGuid(), "wav");
        var previous = RandomBytes(1000);
        await store.WriteAsync(key, new MemoryStream(previous), CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() =>
            store.WriteAsync(key, new FailingStream(RandomBytes(20 * 1024 * 1024), failAfter: 18 * 1024 * 1024), CancellationToken.None));

        Assert.Equal(previous, await ReadAllAsync(store, key));
    }

    [S3rverFact]
    public async Task Deleting_a_jobs_prefix_removes_all_its_artifacts_in_pages_and_no_other_jobs()
    {
        using var store = s3.Store();
        var doomed = Guid.NewGuid();
        var kept = Guid.NewGuid();
        // More than one listing page (1000 keys).
        await Parallel.ForEachAsync(Enumerable.Range(1, 1005), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (sequence, token) =>
            await store.WriteAsync(ArtifactKeys.Chunk(doomed, sequence, Guid.Empty), new MemoryStream([1, 2, 3]), token));
        await store.WriteAsync(ArtifactKeys.Final(doomed, "wav"), new MemoryStream([4]), CancellationToken.None);
        await store.WriteAsync(ArtifactKeys.Chunk(kept, 1, Guid.Empty), new MemoryStream([5]), CancellationToken.None);

        await store.DeletePrefixAsync(ArtifactKeys.Job(doomed), CancellationToken.None);
        await store.DeletePrefixAsync(ArtifactKeys.Job(doomed), CancellationToken.None);

        Assert.Empty(await s3.KeysAsync(ArtifactKeys.Job(doomed)));
        Assert.Equal([ArtifactKeys.Chunk(kept, 1, Guid.Empty)], await s3.KeysAsync(ArtifactKeys.Job(kept)));
    }

    [S3rverFact]
    public async Task A_presigned_url_downloads_the_exact_bytes_with_the_requested_type_and_name()
    {
        using var store = s3.Store(presignedDownloads: true);
        var key = ArtifactKeys.Final(Guid.NewGuid(), "wav");
        var content = RandomBytes(200_000);
        await store.WriteAsync(key, new MemoryStream(content), CancellationToken.None);
        var downloaded = Path.GetTempFileName();
        var headers = Path.GetTempFileName();

        try
        {
            var url = await store.PresignDownloadAsync(key, TimeSpan.FromMinutes(2), "audio/wav", "speech.wav", CancellationToken.None);

            Assert.NotNull(url);
            var curl = await ExternalCommand.RunAsync("curl", ["-sS", "--fail", "-D", headers, "-o", downloaded, url!.AbsoluteUri], TimeSpan.FromSeconds(30));
            Assert.True(curl.ExitCode == 0, curl.AllOutput);
            Assert.Equal(content, await File.ReadAllBytesAsync(downloaded));
            var headerLines = await File.ReadAllLinesAsync(headers);
            Assert.Contains(headerLines, line => line.Equals("Content-Type: audio/wav", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(headerLines, line => line.StartsWith("Content-Disposition: attachment", StringComparison.OrdinalIgnoreCase)
                                                 && line.Contains("speech.wav", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(downloaded);
            File.Delete(headers);
        }
    }

    [S3rverFact]
    public async Task Without_presigned_downloads_no_url_is_handed_out()
    {
        using var store = s3.Store(presignedDownloads: false);

        Assert.Null(await store.PresignDownloadAsync(ArtifactKeys.Final(Guid.NewGuid(), "wav"), TimeSpan.FromMinutes(2), "audio/wav", "a.wav", CancellationToken.None));
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(IArtifactStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, CancellationToken.None)
            ?? throw new InvalidOperationException($"{key} is missing.");
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Gives <paramref name="failAfter"/> bytes, then fails as a broken source would.</summary>
    private sealed class FailingStream(byte[] content, int failAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfter)
            {
                throw new IOException("The source broke.");
            }

            var length = Math.Min(count, failAfter - _position);
            content.AsSpan(_position, length).CopyTo(buffer.AsSpan(offset));
            _position += length;
            return length;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
