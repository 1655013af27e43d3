using TorchSharp;

namespace AutoScale.Engines.Kokoro;

/// <summary>The device synthesis runs on: CUDA when libtorch sees a GPU, else the CPU.</summary>
public static class TorchRuntime
{
    public static torch.Device ChooseDevice() => torch.cuda.is_available() ? torch.CUDA : torch.CPU;
}
