using System.Buffers.Binary;
using System.Net;
using System.Text;
using AutoScale.Audio;
using AutoScale.Gateway.Tests.Infrastructure;
using Npgsql;

namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>One row of <c>job_chunks</c>.</summary>
public sealed record ChunkRow(int Sequence, int CharStart, int CharLength, string Text, string State, string? ArtifactKey, long? Samples);

/// <summary>
/// Checks that each chunk of a job is there exactly once: in <c>job_chunks</c> (sequence numbers 0..n-1, cutting the
/// job's text into consecutive, non-overlapping pieces that together hold all of it) and in the job's audio (its
/// samples are exactly the stored samples of chunk 0, then chunk 1, … in order, so a chunk missing, repeated or out of
/// place changes them).
/// </summary>
public static class ChunkIntegrity
{
    /// <summary>
    /// The end-to-end check of a chaos or host test: every job in <paramref name="accepted"/> succeeded within
    /// <paramref name="timeout"/>, each chunk is in its rows and in its audio (downloaded from <paramref name="gateway"/>)
    /// exactly once. A failure carries <paramref name="transcript"/>, the processes' recent output.
    /// </summary>
    public static async Task AssertJobsEndToEndAsync(
        string database, string artifacts, GatewayInstance gateway, IReadOnlyList<AcceptedJob> accepted, TimeSpan timeout, Func<string> transcript)
    {
        var ids = accepted.Select(a => a.Id).ToList();
        await JobLedger.AssertAllSucceedAsync(database, ids, timeout, transcript);
        var chunks = await AssertChunkRowsAsync(database, ids);
        var clients = accepted.Select(a => a.TenantKey).Distinct().ToDictionary(key => key, gateway.Client);
        try
        {
            await Parallel.ForEachAsync(accepted, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (job, _) =>
                await AssertAudioHoldsEachChunkOnceAsync(clients[job.TenantKey], artifacts, job, chunks[job.Id]));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"{exception.Message}\n{transcript()}", exception);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Asserts the chunk rows of every job in <paramref name="ids"/> and returns them, by job, in sequence order.</summary>
    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ChunkRow>>> AssertChunkRowsAsync(string database, IReadOnlyCollection<Guid> ids)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        var jobs = new Dictionary<Guid, (string Text, int ChunksTotal, int ChunksDone)>();
        await using (var command = dataSource.CreateCommand("SELECT id, text, chunks_total, chunks_done FROM jobs WHERE id = ANY($1)"))
        {
            command.Parameters.AddWithValue(ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                jobs[reader.GetGuid(0)] = (reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3));
            }
        }

        var chunks = ids.ToDictionary(id => id, _ => new List<ChunkRow>());
        await using (var command = dataSource.CreateCommand("""
            SELECT job_id, seq, char_start, char_length, text, state, artifact_key, samples
            FROM job_chunks WHERE job_id = ANY($1) ORDER BY job_id, seq
            """))
        {
            command.Parameters.AddWithValue(ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                chunks[reader.GetGuid(0)].Add(new ChunkRow(
                    reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt64(7)));
            }
        }

        var problems = new List<string>();
        foreach (var id in ids)
        {
            if (!jobs.TryGetValue(id, out var job))
            {
                problems.Add($"{id}: not in the jobs table");
                continue;
            }

            problems.AddRange(ProblemsOf(job.Text, job.ChunksTotal, job.ChunksDone, chunks[id]).Select(p => $"{id}: {p}"));
        }

        Assert.True(problems.Count == 0, $"{problems.Count} chunk problems:\n{string.Join("\n", problems.Take(30))}");
        return chunks.ToDictionary(c => c.Key, c => (IReadOnlyList<ChunkRow>)c.Value);
    }

    /// <summary>
    /// Downloads the job's audio and asserts its samples are the concatenation, in sequence order, of its chunks' stored
    /// samples (read from the artifacts folder), each chunk's stored sample count being the one recorded in its row.
    /// </summary>
    public static async Task AssertAudioHoldsEachChunkOnceAsync(HttpClient client, string artifacts, AcceptedJob job, IReadOnlyList<ChunkRow> chunks)
    {
        var response = await client.GetAsync($"/v1/jobs/{job.Id}/audio");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET audio of {job.Id}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        var samples = job.Format switch
        {
            "wav" => WavSamples(body),
            "pcm" => body.AsMemory(),
            _ => throw new ArgumentException($"Cannot compare {job.Format} audio with its chunks sample by sample."),
        };

        var offset = 0;
        foreach (var chunk in chunks)
        {
            var stored = await File.ReadAllBytesAsync(Path.Combine(artifacts, chunk.ArtifactKey!));
            var header = ChunkAudioHeader.Read(stored);
            Assert.True(header.SampleCount == chunk.Samples,
                $"Job {job.Id} chunk {chunk.Sequence}: its artifact holds {header.SampleCount} samples, its row says {chunk.Samples}.");
            var expected = stored.AsMemory(ChunkAudioHeader.Size);
            Assert.True(offset + expected.Length <= samples.Length,
                $"Job {job.Id}: the audio ends ({samples.Length} bytes of samples) inside chunk {chunk.Sequence} of {chunks.Count}.");
            Assert.True(samples.Span.Slice(offset, expected.Length).SequenceEqual(expected.Span),
                $"Job {job.Id}: the audio at byte {offset} is not chunk {chunk.Sequence} of {chunks.Count}.");
            offset += expected.Length;
        }

        Assert.True(offset == samples.Length,
            $"Job {job.Id}: the audio has {samples.Length - offset} bytes of samples after its {chunks.Count} chunks (a chunk repeated?).");
    }

    private static IEnumerable<string> ProblemsOf(string text, int chunksTotal, int chunksDone, List<ChunkRow> chunks)
    {
        if (chunks.Count != chunksTotal || chunks.Select(c => c.Sequence).Distinct().Count() != chunks.Count
            || chunks.Any(c => c.Sequence < 0 || c.Sequence >= chunksTotal))
        {
            yield return $"{chunks.Count} chunk rows with sequences [{string.Join(",", chunks.Select(c => c.Sequence))}] for {chunksTotal} chunks";
            yield break;
        }

        if (chunksDone != chunksTotal)
        {
            yield return $"the job counts {chunksDone} of {chunksTotal} chunks done";
        }

        var end = 0;
        foreach (var chunk in chunks)
        {
            if (chunk.State != "done" || chunk.ArtifactKey is null || chunk.Samples is not > 0)
            {
                yield return $"chunk {chunk.Sequence} is {chunk.State} with artifact {chunk.ArtifactKey ?? "none"} and {chunk.Samples} samples";
            }

            if (chunk.CharStart < end || chunk.CharStart + chunk.CharLength > text.Length)
            {
                yield return $"chunk {chunk.Sequence} covers [{chunk.CharStart}, {chunk.CharStart + chunk.CharLength}) after text up to {end} was taken";
                yield break;
            }

            if (!string.IsNullOrWhiteSpace(text[end..chunk.CharStart]))
            {
                yield return $"the text between {end} and chunk {chunk.Sequence} at {chunk.CharStart} is in no chunk: '{text[end..chunk.CharStart]}'";
            }

            if (chunk.Text != text.Substring(chunk.CharStart, chunk.CharLength))
            {
                yield return $"chunk {chunk.Sequence}'s text '{chunk.Text}' is not the job's text at its offsets";
            }

            end = chunk.CharStart + chunk.CharLength;
        }

        if (!string.IsNullOrWhiteSpace(text[end..]))
        {
            yield return $"the text after the last chunk is in no chunk: '{text[end..]}'";
        }
    }

    /// <summary>The bytes of a WAV file's <c>data</c> chunk.</summary>
    private static ReadOnlyMemory<byte> WavSamples(byte[] wav)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(wav, 8, 4));
        var position = 12;
        while (position + 8 <= wav.Length)
        {
            var id = Encoding.ASCII.GetString(wav, position, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(position + 4));
            if (id == "data")
            {
                Assert.Equal(wav.Length - position - 8, size);
                return wav.AsMemory(position + 8, size);
            }

            position += 8 + size + (size & 1);
        }

        throw new InvalidDataException("The WAV file has no data chunk.");
    }
}
