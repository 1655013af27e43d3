using AutoScale.Engines.Kokoro.Model.Decoder;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Decoder;

public sealed class TorchStftTests
{
    [Fact]
    public void Transform_then_inverse_reconstructs_a_random_signal()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var stft = new TorchStft(20, 5, 20);
        var signal = randn(2, 6000);

        var (magnitude, phase) = stft.Transform(signal);
        var reconstructed = stft.Inverse(magnitude, phase);

        Assert.Equal([2L, 11, 1201], magnitude.shape);
        Assert.Equal([2L, 11, 1201], phase.shape);
        Assert.Equal(signal.shape, reconstructed.shape);
        Assert.True((reconstructed - signal).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void The_window_is_a_buffer_that_stays_out_of_the_state_dict()
    {
        using var scope = NewDisposeScope();
        var stft = new TorchStft(20, 5, 20);

        Assert.Empty(stft.state_dict());
        Assert.Equal([20L], stft.get_buffer("window")!.shape);
    }
}
