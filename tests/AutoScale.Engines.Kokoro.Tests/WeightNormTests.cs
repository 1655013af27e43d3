using AutoScale.Engines.Kokoro.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests;

public sealed class WeightNormTests
{
    [Fact]
    public void A_weight_normalised_conv_has_the_checkpoint_names_and_equals_a_plain_conv_with_g_times_v_over_its_norm()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var conv = new WeightNormConv1d(4, 6, 3, padding: 1);
        var state = conv.state_dict();
        var x = randn(2, 4, 9);

        var g = state["weight_g"];
        var v = state["weight_v"];
        var norms = sqrt((v * v).sum([1, 2], keepdim: true));
        var expected = nn.functional.conv1d(x, g * v / norms, state["bias"], padding: 1);

        Assert.Equal(["bias", "weight_g", "weight_v"], state.Keys.Order());
        Assert.Equal([6L, 1L, 1L], g.shape);
        Assert.True(allclose(conv.forward(x), expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_depthwise_transposed_conv_applies_its_groups()
    {
        using var scope = NewDisposeScope();
        var conv = new WeightNormConvTranspose1d(4, 4, 3, stride: 2, padding: 1, outputPadding: 1, groups: 4);
        var state = conv.state_dict();
        var x = randn(1, 4, 5);

        var expected = nn.functional.conv_transpose1d(
            x, WeightNorm.Weight(state["weight_g"], state["weight_v"]), state["bias"], stride: 2, padding: 1, output_padding: 1, groups: 4);

        Assert.Equal([4L, 1L, 3L], state["weight_v"].shape);
        Assert.True(allclose(conv.forward(x), expected, rtol: 1e-5, atol: 1e-6));
        Assert.Equal([1L, 4L, 10L], conv.forward(x).shape);
    }

    [Fact]
    public void A_transposed_conv_normalises_over_its_input_channel_dimension()
    {
        using var scope = NewDisposeScope();
        var conv = new WeightNormConvTranspose1d(8, 4, 6, stride: 3, padding: 1);

        Assert.Equal([8L, 1L, 1L], conv.state_dict()["weight_g"].shape);
        Assert.Equal([8L, 4L, 6L], conv.state_dict()["weight_v"].shape);
        Assert.Equal([1L, 4L, (10 - 1) * 3 - 2 + 6], conv.forward(randn(1, 8, 10)).shape);
    }
}
