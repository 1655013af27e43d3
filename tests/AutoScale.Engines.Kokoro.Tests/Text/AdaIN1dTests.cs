using AutoScale.Engines.Kokoro.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Text;

public sealed class AdaIN1dTests
{
    [Fact]
    public void AdaIN1d_equals_instance_norm_by_hand_scaled_by_one_plus_gamma_and_shifted_by_beta()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var adain = new AdaIN1d(6, 4);
        adain.eval();
        var x = randn(2, 4, 9) * 3 + 1;
        var style = randn(2, 6);
        var state = adain.state_dict();

        var mean = x.mean([2], keepdim: true);
        var variance = ((x - mean) * (x - mean)).mean([2], keepdim: true);
        var normalised = (x - mean) / sqrt(variance + 1e-5);
        var h = matmul(style, state["fc.weight"].t()) + state["fc.bias"];
        var gamma = h[.., ..4].unsqueeze(-1);
        var beta = h[.., 4..].unsqueeze(-1);
        var expected = (1 + gamma) * normalised + beta;

        Assert.Equal(["fc.bias", "fc.weight"], state.Keys.Order());
        Assert.True(allclose(adain.forward(x, style), expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Masked_AdaIN1d_normalises_each_item_over_its_valid_steps_only_whatever_the_padding_holds()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        var adain = new AdaIN1d(6, 4);
        adain.eval();
        long[] lengths = [9, 5, 2];
        var x = randn(3, 4, 9) * 3 + 1;
        var padding = TimeMask.Padding(tensor(lengths), 9)!;
        x = x.masked_fill(padding, float.PositiveInfinity); // garbage in the padding must not reach the valid steps
        var style = randn(3, 6);
        var state = adain.state_dict();

        var masked = adain.forward(x, style, padding);

        for (var b = 0; b < lengths.Length; b++)
        {
            var valid = x[b, .., ..(int)lengths[b]];
            var steps = (double)lengths[b];
            var mean = valid.sum([1], keepdim: true) / steps;
            var variance = (valid - mean).square().sum([1], keepdim: true) / steps;
            var h = matmul(style[b], state["fc.weight"].t()) + state["fc.bias"];
            var expected = (1 + h[..4].unsqueeze(-1)) * ((valid - mean) / sqrt(variance + 1e-5)) + h[4..].unsqueeze(-1);

            Assert.True(allclose(masked[b, .., ..(int)lengths[b]], expected, rtol: 1e-4, atol: 1e-5), $"item {b}");
        }
        Assert.True(masked.isfinite().all().item<bool>());
    }

    [Fact]
    public void An_upsampling_residual_block_has_the_upstream_names_and_doubles_time()
    {
        using var scope = NewDisposeScope();
        var block = new AdainResBlk1d(8, 4, 6, upsample: true);
        block.eval();
        var shapes = block.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);

        Assert.Equal(
            [
                "conv1.bias", "conv1.weight_g", "conv1.weight_v", "conv1x1.weight_g", "conv1x1.weight_v",
                "conv2.bias", "conv2.weight_g", "conv2.weight_v", "norm1.fc.bias", "norm1.fc.weight",
                "norm2.fc.bias", "norm2.fc.weight", "pool.bias", "pool.weight_g", "pool.weight_v",
            ],
            shapes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([8L, 1L, 3L], shapes["pool.weight_v"]);
        Assert.Equal([8L, 1L, 1L], shapes["pool.weight_g"]);
        Assert.Equal([4L, 8L, 1L], shapes["conv1x1.weight_v"]);
        Assert.Equal([16L, 6L], shapes["norm1.fc.weight"]);
        Assert.Equal([1L, 4L, 14L], block.forward(randn(1, 8, 7), randn(1, 6)).shape);
    }

    [Fact]
    public void A_plain_residual_block_keeps_shape_and_has_no_shortcut_conv_or_pool()
    {
        using var scope = NewDisposeScope();
        var block = new AdainResBlk1d(5, 5, 3);
        block.eval();
        var x = randn(2, 5, 6);
        var style = randn(2, 3);

        Assert.DoesNotContain(block.state_dict().Keys, k => k.StartsWith("conv1x1", StringComparison.Ordinal) || k.StartsWith("pool", StringComparison.Ordinal));
        Assert.Equal([2L, 5L, 6L], block.forward(x, style).shape);
    }

    [Fact]
    public void A_residual_block_adds_its_residual_to_the_upsampled_shortcut_over_root_two()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var block = new AdainResBlk1d(3, 3, 2, upsample: true);
        block.eval();
        foreach (var (name, p) in block.named_parameters())
        {
            if (name is "conv2.weight_g" or "conv2.bias")
            {
                using var _ = no_grad();
                p.zero_();
            }
        }

        var x = randn(1, 3, 4);
        // conv2 zeroed (weight_g = 0, bias = 0): only the nearest-upsampled shortcut remains.
        var expected = x.repeat_interleave(2, dim: 2) / Math.Sqrt(2);

        Assert.True(allclose(block.forward(x, randn(1, 2)), expected, rtol: 1e-5, atol: 1e-6));
    }
}
