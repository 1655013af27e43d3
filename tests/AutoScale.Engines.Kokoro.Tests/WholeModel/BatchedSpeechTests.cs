using AutoScale.Engines.Kokoro.Model;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.WholeModel;

/// <summary>
/// <see cref="KokoroModel.SpeakBatch"/> against each item spoken alone, with the random harmonic source on.
/// Tolerance: the batch runs the same float32 arithmetic with a different batch size and padded lengths, so kernels may sum in
/// another order; rounding of about 1e-6 relative per stage compounds through ~30 layers and the exp of the magnitude, which
/// stays well below atol 1e-4 on audio of amplitude ~0.1–1 (rtol 1e-3 covers the louder samples). A masking bug moves samples
/// by far more than that.
/// </summary>
public sealed class BatchedSpeechTests(ITestOutputHelper output)
{
    private const double AbsoluteTolerance = 1e-4;
    private const double RelativeTolerance = 1e-3;

    private static KokoroConfig Small => SmallKokoro.Config;

    private static KokoroModel SmallModel() => SmallKokoro.Model(21, stochasticSource: true);

    /// <summary>Three utterances of 9, 5 and 13 tokens with their own voices, speeds and seeds.</summary>
    private static KokoroUtterance[] ThreeUtterances()
    {
        manual_seed(5);
        return
        [
            new([0, 50, 83, 156, 43, 102, 61, 16, 0], randn(1, 2 * Small.StyleDim), 1.0, 7),
            new([0, 123, 69, 54, 0], randn(1, 2 * Small.StyleDim), 1.3, 8),
            new([0, 56, 47, 131, 16, 65, 86, 123, 54, 46, 4, 158, 0], randn(1, 2 * Small.StyleDim), 0.8, 9),
        ];
    }

    [Fact]
    public void Each_item_of_a_batch_of_three_gets_the_audio_it_gets_alone()
    {
        using var scope = NewDisposeScope();
        var model = SmallModel();
        var utterances = ThreeUtterances();

        var batch = model.SpeakBatch(utterances);

        Assert.Equal(3, batch.Count);
        Assert.Equal(3, batch.Select(item => item.Audio.shape[0]).Distinct().Count()); // the items really are padded
        for (var b = 0; b < utterances.Length; b++)
        {
            var (audio, durations) = model.SpeakBatch([utterances[b]])[0];
            var difference = (batch[b].Audio - audio).abs().max().item<float>();
            output.WriteLine($"item {b}: {audio.shape[0]} samples, peak {audio.abs().max().item<float>()}, largest difference {difference}");

            Assert.Equal(durations.data<long>().ToArray(), batch[b].Durations.data<long>().ToArray());
            Assert.Equal(audio.shape, batch[b].Audio.shape);
            Assert.True(
                allclose(batch[b].Audio, audio, rtol: RelativeTolerance, atol: AbsoluteTolerance),
                $"item {b}: largest difference {difference}");
        }
    }

    [Fact]
    public void An_utterance_first_in_one_batch_and_third_in_another_gets_the_same_audio()
    {
        using var scope = NewDisposeScope();
        var model = SmallModel();
        var utterances = ThreeUtterances();
        var (shorter, longer, target) = (utterances[1], utterances[2], utterances[0]);

        var first = model.SpeakBatch([target, shorter])[0];
        var third = model.SpeakBatch([longer, shorter, target])[2];

        var difference = (first.Audio - third.Audio).abs().max().item<float>();
        output.WriteLine($"largest difference {difference}");
        Assert.Equal(first.Audio.shape, third.Audio.shape);
        Assert.True(allclose(first.Audio, third.Audio, rtol: RelativeTolerance, atol: AbsoluteTolerance), $"largest difference {difference}");
    }

    [Fact]
    public void Every_item_has_600_samples_per_frame_and_one_duration_per_token()
    {
        using var scope = NewDisposeScope();
        var model = SmallModel();
        var utterances = ThreeUtterances();

        var batch = model.SpeakBatch(utterances);

        Assert.Equal(600, new KokoroConfig().SamplesPerFrame);
        for (var b = 0; b < utterances.Length; b++)
        {
            var durations = batch[b].Durations;
            Assert.Equal([(long)utterances[b].Tokens.Length], durations.shape);
            Assert.All(durations.data<long>().ToArray(), frames => Assert.InRange(frames, 1, Small.MaxDuration));
            Assert.Equal([Small.SamplesPerFrame * durations.sum().item<long>()], batch[b].Audio.shape);
            Assert.True(isfinite(batch[b].Audio).all().item<bool>());
        }
    }

    [Fact]
    public void Another_seed_changes_the_audio_and_the_same_seed_repeats_it()
    {
        using var scope = NewDisposeScope();
        var model = SmallModel();
        var utterance = ThreeUtterances()[0];

        var seeded = model.SpeakBatch([utterance])[0].Audio;
        rand(1000); // draws from torch's global generator must not matter
        var again = model.SpeakBatch([utterance])[0].Audio;
        var reseeded = model.SpeakBatch([utterance with { Seed = utterance.Seed + 1 }])[0].Audio;

        Assert.True(allclose(seeded, again, rtol: 0, atol: 0));
        Assert.Equal(seeded.shape, reseeded.shape);
        Assert.True((seeded - reseeded).abs().max().item<float>() > 1e-3, "the seed reaches the source");
    }

    [Fact]
    public void Speak_is_a_batch_of_one()
    {
        using var scope = NewDisposeScope();
        var model = SmallModel();
        var utterance = ThreeUtterances()[1];

        var (audio, durations) = model.Speak(tensor(utterance.Tokens).unsqueeze(0), utterance.Voice, utterance.Speed, utterance.Seed);
        var batch = model.SpeakBatch([utterance])[0];

        Assert.True(allclose(audio, batch.Audio, rtol: 0, atol: 0));
        Assert.Equal(batch.Durations.data<long>().ToArray(), durations.data<long>().ToArray());
    }
}
