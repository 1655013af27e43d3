using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Weights;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.WholeModel;

public sealed class KokoroModelTests
{
    private static KokoroConfig Small => SmallKokoro.Config;

    private static KokoroModel SmallModel() => SmallKokoro.Model(11, stochasticSource: false);

    [Fact]
    public void The_alignment_repeats_each_token_for_its_frames()
    {
        using var scope = NewDisposeScope();

        var alignment = KokoroModel.Alignment(tensor(new long[] { 2, 1, 3 }));

        Assert.Equal([1L, 3L, 6L], alignment.shape);
        float[] expected = [1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1];
        Assert.Equal(expected, alignment.flatten().data<float>().ToArray());
    }

    [Fact]
    public void A_small_model_speaks_600_samples_per_frame_the_same_way_twice()
    {
        using var scope = NewDisposeScope();
        var model = SmallModel();
        var tokens = tensor(new long[] { 0, 50, 83, 156, 43, 102, 0 }).unsqueeze(0);
        var voice = randn(1, 2 * Small.StyleDim);

        var (audio, durations) = model.Speak(tokens, voice);
        var (again, _) = model.Speak(tokens, voice);

        Assert.Equal(600 * durations.sum().item<long>(), audio.shape[0]);
        Assert.All(durations.data<long>().ToArray(), frames => Assert.InRange(frames, 1, Small.MaxDuration));
        Assert.True(isfinite(audio).all().item<bool>());
        Assert.True(allclose(audio, again, rtol: 0, atol: 0), "the same input gives the same audio");
    }

    [Fact]
    public void A_small_model_saved_in_the_official_format_loads_strictly_into_a_fresh_one_and_speaks_identically()
    {
        using var scope = NewDisposeScope();
        var original = SmallModel();
        var path = Path.Combine(Path.GetTempPath(), $"kokoro-small-{Guid.NewGuid():N}.pth");
        KokoroCheckpointWriter.Write(original, path);
        manual_seed(99); // different random weights
        var fresh = new KokoroModel(Small, decoderEncodeChannels: 48, decoderResidualChannels: 8, stochasticSource: false);
        fresh.eval();
        var tokens = tensor(new long[] { 0, 50, 83, 156, 43, 102, 0 }).unsqueeze(0);
        var voice = randn(1, 2 * Small.StyleDim);

        using (var checkpoint = KokoroCheckpoint.Read(path))
        {
            checkpoint.LoadInto(fresh);
        }

        Assert.True(allclose(original.Speak(tokens, voice).Audio, fresh.Speak(tokens, voice).Audio, rtol: 0, atol: 0));
        File.Delete(path);
    }

    [Fact]
    public void The_full_size_model_has_the_five_checkpoint_parts_and_about_82_million_parameters()
    {
        using var scope = NewDisposeScope();
        var model = new KokoroModel(new KokoroConfig());

        var parts = model.named_children().Select(child => child.name).Order().ToList();
        var parameters = model.parameters().Sum(p => p.numel());

        Assert.Equal(["bert", "bert_encoder", "decoder", "predictor", "text_encoder"], parts);
        Assert.InRange(parameters, 81_000_000, 82_500_000);
    }
}
