using AutoScale.Engines.Kokoro.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Weights;

/// <summary>A stand-in with Kokoro's five top-level children, Linear and weight-norm layers, and buffers (BatchNorm's, one of them int64).</summary>
internal sealed class TinyKokoro : nn.Module
{
#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys
    private readonly Sequential bert;
    private readonly Linear bert_encoder;
    private readonly Sequential predictor;
    private readonly Sequential text_encoder;
    private readonly TinyDecoder decoder;
#pragma warning restore IDE1006, SA1300

    public TinyKokoro(long decoderKernel = 4, bool decoderExtra = false, bool bertPositionIds = false)
        : base(nameof(TinyKokoro))
    {
        bert = bertPositionIds
            ? nn.Sequential(("0", nn.Embedding(10, 4)), ("1", nn.Linear(4, 4)), ("embeddings", new PositionIds()))
            : nn.Sequential(nn.Embedding(10, 4), nn.Linear(4, 4));
        bert_encoder = nn.Linear(4, 6);
        predictor = nn.Sequential(new WeightNormConv1d(6, 6, 3, padding: 1), nn.BatchNorm1d(6));
        text_encoder = nn.Sequential(new WeightNormConv1d(6, 6, 5, padding: 2), nn.Linear(6, 6));
        decoder = new TinyDecoder(decoderKernel, decoderExtra);
        RegisterComponents();
    }

    /// <summary>Overwrites every parameter and buffer with random values, so a round trip cannot pass by coincidence.</summary>
    public TinyKokoro Randomized()
    {
        using var noGrad = no_grad();
        foreach (var tensor in state_dict().Values)
        {
            if (tensor.dtype == ScalarType.Int64)
            {
                tensor.copy_(randint(0, 1000, tensor.shape, ScalarType.Int64));
            }
            else
            {
                tensor.copy_(randn_like(tensor));
            }
        }

        return this;
    }
}
