using AutoScale.Engines.Kokoro.Model.Prosody;
using AutoScale.Engines.Kokoro.Model.Text;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Text;

public sealed class TextForwardTests
{
    private const int Short = SmallTextModels.ShortLength;

    [Fact]
    public void Bert_returns_the_last_hidden_state_and_padding_does_not_change_the_real_tokens()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var bert = new CustomAlbert(SmallTextModels.Config);
        bert.eval();
        var ids = SmallTextModels.Ids();
        var keep = (~SmallTextModels.PaddingMask()).to(int64);

        var batch = bert.forward(ids, keep);
        var alone = bert.forward(ids[1..2, ..Short], ones(1, Short, dtype: int64));

        Assert.Equal([2L, 7L, 16L], batch.shape);
        Assert.True(allclose(batch[1..2, ..Short], alone, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Text_encoder_returns_channels_by_time_zero_at_padding_and_equal_to_each_item_alone()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        var encoder = new TextEncoder(SmallTextModels.Config);
        encoder.eval();
        var ids = SmallTextModels.Ids();

        var batch = encoder.forward(ids, SmallTextModels.Lengths(), SmallTextModels.PaddingMask());
        var first = encoder.forward(ids[..1], tensor(new long[] { 7 }), zeros(1, 7, dtype: @bool));
        var second = encoder.forward(ids[1..2, ..Short], tensor(new long[] { Short }), zeros(1, Short, dtype: @bool));

        Assert.Equal([2L, 32L, 7L], batch.shape);
        Assert.True(allclose(batch[..1], first, rtol: 1e-4, atol: 1e-5));
        Assert.True(allclose(batch[1..2, .., ..Short], second, rtol: 1e-4, atol: 1e-5));
        Assert.Equal(0f, batch[1, .., Short..].abs().max().item<float>());
    }

    [Fact]
    public void Predictor_returns_positive_durations_per_token_and_padding_does_not_change_the_real_tokens()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var predictor = new ProsodyPredictor(SmallTextModels.Config);
        predictor.eval();
        var encoding = randn(2, 32, 7);
        var style = randn(2, 8);
        var lengths = SmallTextModels.Lengths();
        var mask = SmallTextModels.PaddingMask();

        var encoded = predictor.Encode(encoding, style, lengths, mask);
        var logits = predictor.DurationLogits(encoded, lengths);
        var durations = predictor.forward(encoding, style, lengths, mask);
        var alone = predictor.forward(encoding[1..2, .., ..Short], style[1..2], tensor(new long[] { Short }), zeros(1, Short, dtype: @bool));

        Assert.Equal([2L, 7L, 40L], encoded.shape);
        Assert.Equal(0f, encoded[1, Short..].abs().max().item<float>());
        Assert.Equal([2L, 7L, 6L], logits.shape);
        Assert.Equal([2L, 7L], durations.shape);
        Assert.True(durations.gt(0).all().item<bool>() && durations.lt(6).all().item<bool>());
        Assert.True(allclose(durations[1..2, ..Short], alone, rtol: 1e-4, atol: 1e-5));
        Assert.True(allclose(ProsodyPredictor.Durations(logits, speed: 2.0), durations / 2, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void Predictor_F0_and_energy_curves_run_at_twice_the_frame_rate()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var predictor = new ProsodyPredictor(SmallTextModels.Config);
        predictor.eval();

        var (f0, n) = predictor.F0N(randn(1, 40, 11), randn(1, 8));

        Assert.Equal([1L, 22L], f0.shape);
        Assert.Equal([1L, 22L], n.shape);
    }
}
