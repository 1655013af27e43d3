using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Tests.Weights;

/// <summary>Stands in for old transformers' ALBERT embeddings, which kept <c>position_ids</c> as a persistent buffer.</summary>
internal sealed class PositionIds : nn.Module<Tensor, Tensor>
{
    public PositionIds()
        : base(nameof(PositionIds))
    {
        register_buffer("position_ids", arange(8L).unsqueeze(0));
    }

    public override Tensor forward(Tensor input) => input;
}
