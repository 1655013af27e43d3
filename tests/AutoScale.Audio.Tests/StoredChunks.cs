using AutoScale.Testing;

namespace AutoScale.Audio.Tests;

/// <summary>Chunks in their stored form, in memory, as an artifact store would hand them out.</summary>
internal sealed class StoredChunks
{
    private readonly List<byte[]> _artifacts = [];

    public List<short[]> Samples { get; } = [];

    public int[] SampleCounts => [.. Samples.Select(samples => samples.Length)];

    public int Opened { get; private set; }

    public static async Task<StoredChunks> CreateAsync(int sampleRate, params int[] sampleCounts)
    {
        var chunks = new StoredChunks();
        for (var i = 0; i < sampleCounts.Length; i++)
        {
            var samples = Signals.Noise(sampleCounts[i], seed: 100 + i);
            using var artifact = new MemoryStream();
            await ChunkAudio.WriteAsync(artifact, samples, sampleRate, CancellationToken.None);
            chunks.Samples.Add(samples);
            chunks._artifacts.Add(artifact.ToArray());
        }

        return chunks;
    }

    public Func<int, CancellationToken, Task<Stream>> Opener(bool seekable) => (chunk, _) =>
    {
        Opened++;
        Stream artifact = new MemoryStream(_artifacts[chunk], writable: false);
        return Task.FromResult(seekable ? artifact : new ForwardOnlyStream(artifact));
    };

    /// <summary>The file the streaming encoder makes from the chunks, told the total length.</summary>
    public async Task<byte[]> EncodeAsync(AudioFormat format, int sampleRate)
    {
        using var output = new MemoryStream();
        await using var encoder = AudioEncoders.Create(format, sampleRate, output, Samples.Sum(samples => (long)samples.Length));
        var open = Opener(seekable: true);
        for (var i = 0; i < _artifacts.Count; i++)
        {
            await using var artifact = await open(i, CancellationToken.None);
            await ChunkAudio.CopySamplesAsync(artifact, encoder, CancellationToken.None);
        }

        await encoder.CompleteAsync();
        return output.ToArray();
    }
}
