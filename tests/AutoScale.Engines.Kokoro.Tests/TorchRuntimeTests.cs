using TorchSharp;

namespace AutoScale.Engines.Kokoro.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Libtorch_loads_and_computes_on_the_chosen_device()
    {
        var device = TorchRuntime.ChooseDevice();
        using var scope = torch.NewDisposeScope();

        var product = torch.matmul(torch.ones(2, 3, device: device), torch.ones(3, 4, device: device));

        Assert.Equal([2L, 4L], product.shape);
        Assert.Equal(3f, product[1, 2].item<float>());
    }
}
