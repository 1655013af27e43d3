using System.Text.Json;
using AutoScale.Engines.Abstractions;
using AutoScale.Engines.Kokoro.Hosting;
using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Tests.Phonemes;
using AutoScale.Engines.Kokoro.Weights;
using AutoScale.Testing;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Engine;

/// <summary>The engine over a small random model in the official file layout, with the official phoneme vocabulary.</summary>
public sealed class KokoroEngineTests : IDisposable
{
    private static readonly string[] Sentences =
    [
        "The quick brown fox jumps over the dog.",
        "A small boat sails across the calm sea.",
        "Every morning she reads the news aloud.",
        "Bright lights shine over the old bridge.",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("autoscale-kokoro-engine-").FullName;

    private KokoroModelFiles SmallModelFiles()
    {
        var official = KokoroConfig.Load(SharedData.PathOf("kokoro-v1_0-config.json"));
        var small = new KokoroConfig
        {
            HiddenDim = 32,
            StyleDim = 128, // voice packs are 2 × 128 wide
            PlBert = new PlBertConfig { HiddenSize = 32, AttentionHeads = 2, IntermediateSize = 64, HiddenLayers = 2, EmbeddingSize = 16, MaxPositions = 512 },
            IstftNet = new IstftNetConfig { UpsampleInitialChannel = 32 },
            DecoderEncodeChannels = 48,
            DecoderResidualChannels = 8,
            Vocabulary = official.Vocabulary,
        };
        var files = KokoroModelFiles.Under(_folder);
        Directory.CreateDirectory(files.Voices);
        File.WriteAllText(files.Config, JsonSerializer.Serialize(small));
        manual_seed(21);
        using (var model = new KokoroModel(small))
        {
            KokoroCheckpointWriter.Write(model, files.Weights);
        }

        using var styles = randn(VoicePack.Rows, 1, 2 * small.StyleDim) * 0.2;
        using var voice = VoicePack.FromTensor("af_test", styles);
        voice.Save(Path.Combine(files.Voices, "af_test.pt"));
        return files;
    }

    [ESpeakFact(needsSharedData: true)]
    public async Task Concurrent_requests_share_a_batch_and_each_sounds_as_it_does_alone()
    {
        var files = SmallModelFiles();
        using var batching = KokoroEngine.Load(files, new KokoroOptions { BatchSize = 4, BatchWaitMilliseconds = 2_000, BatchLengthRatio = 3 });
        using var alone = KokoroEngine.Load(files, new KokoroOptions { BatchSize = 1 });
        var warmUp = batching.BatchTotals;

        var together = await Task.WhenAll(Sentences.Select(s => batching.SynthesizeAsync([new SynthesisRequest(s, "af_test", 1.0)], CancellationToken.None)));
        var separately = new List<SynthesisResult>();
        foreach (var sentence in Sentences)
        {
            separately.Add((await alone.SynthesizeAsync([new SynthesisRequest(sentence, "af_test", 1.0)], CancellationToken.None))[0]);
        }

        var (batches, chunks) = batching.BatchTotals;
        Assert.Equal(Sentences.Length, chunks - warmUp.Chunks);
        Assert.True(batches - warmUp.Batches < Sentences.Length, $"{batches - warmUp.Batches} batches for {Sentences.Length} chunks");
        Assert.Equal(4, batching.Capabilities.MaxConcurrency);
        for (var i = 0; i < Sentences.Length; i++)
        {
            var batched = together[i][0].Samples;
            var single = separately[i].Samples;
            Assert.Equal(single.Length, batched.Length);
            Assert.True(single.Length > 0 && single.Length % 600 == 0, $"{single.Length} samples");
            var scale = single.Max(Math.Abs);
            var worst = single.Zip(batched, (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst <= 1e-3 * Math.Max(scale, 1e-3), $"sentence {i}: largest difference {worst} against a peak of {scale}");
        }
    }

    [ESpeakFact(needsSharedData: true)]
    public async Task The_same_text_gives_the_same_audio_and_another_seed_other_audio()
    {
        var files = SmallModelFiles();
        using var engine = KokoroEngine.Load(files, new KokoroOptions { Seed = 1 });
        using var reseeded = KokoroEngine.Load(files, new KokoroOptions { Seed = 2 });
        var request = new SynthesisRequest(Sentences[0], "af_test", 1.0);

        var first = (await engine.SynthesizeAsync([request], CancellationToken.None))[0];
        var second = (await engine.SynthesizeAsync([request], CancellationToken.None))[0];
        var other = (await reseeded.SynthesizeAsync([request], CancellationToken.None))[0];

        Assert.Equal(24_000, first.SampleRate);
        Assert.Equal(first.Samples, second.Samples);
        Assert.NotEqual(first.Samples, other.Samples);
    }

    [ESpeakFact(needsSharedData: true)]
    public async Task An_unknown_voice_is_refused_by_name()
    {
        using var engine = KokoroEngine.Load(SmallModelFiles());

        var error = await Assert.ThrowsAsync<UnknownVoiceException>(
            () => engine.SynthesizeAsync([new SynthesisRequest("Hello.", "zz_nobody", 1.0)], CancellationToken.None));

        Assert.Equal("zz_nobody", error.Voice);
    }

    // Issue 19: Kokoro's word times come from the frames it predicted per phoneme token.
    [ESpeakFact(needsSharedData: true)]
    public async Task Words_come_back_in_order_and_their_times_tile_the_audio()
    {
        using var engine = KokoroEngine.Load(SmallModelFiles());
        const string Text = "The quick brown fox, 3.50 dollars later, jumps over the dog. Then it rests!";

        var result = (await engine.SynthesizeAsync([new SynthesisRequest(Text, "af_test", 1.0)], CancellationToken.None))[0];

        Assert.Equal(Text.Split(' '), result.Words.Select(w => w.Text));
        Assert.Equal(0, result.Words[0].Start);
        Assert.Equal((double)result.Samples.Length / result.SampleRate, result.Words[^1].End, 9);
        for (var i = 1; i < result.Words.Count; i++)
        {
            Assert.Equal(result.Words[i - 1].End, result.Words[i].Start, 9);
            Assert.True(result.Words[i].End > result.Words[i].Start, $"{result.Words[i]} takes no time");
        }

        Assert.Equal(result.Samples.Length / (double)result.SampleRate, result.Words.Sum(w => w.End - w.Start), 9);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
