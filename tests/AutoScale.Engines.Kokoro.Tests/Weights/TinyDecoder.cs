using AutoScale.Engines.Kokoro.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Weights;

/// <summary>The stand-in's decoder: nested weight-norm layers whose kernel, and an optional extra layer, vary a checkpoint's shape and keys.</summary>
internal sealed class TinyDecoder : nn.Module
{
#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys
    private readonly ModuleList<nn.Module<Tensor, Tensor>> ups;
    private readonly WeightNormConv1d conv_post;
    private readonly Linear? extra;
#pragma warning restore IDE1006, SA1300

    public TinyDecoder(long kernel, bool withExtra)
        : base(nameof(TinyDecoder))
    {
        ups = nn.ModuleList<nn.Module<Tensor, Tensor>>(new WeightNormConvTranspose1d(6, 4, kernel, stride: 2), new WeightNormConvTranspose1d(4, 4, kernel, stride: 2));
        conv_post = new WeightNormConv1d(4, 2, 7, padding: 3, bias: false);
        extra = withExtra ? nn.Linear(2, 2) : null;
        RegisterComponents();
    }
}
