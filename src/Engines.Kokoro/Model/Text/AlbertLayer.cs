using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Text;

/// <summary>One ALBERT layer: attention, then <c>full_layer_layer_norm(ffn_output(gelu_new(ffn(a))) + a)</c>.</summary>
public sealed class AlbertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    public AlbertLayer(PlBertConfig config) : base(nameof(AlbertLayer))
    {
        full_layer_layer_norm = nn.LayerNorm(config.HiddenSize, eps: 1e-12);
        attention = new AlbertAttention(config);
        ffn = nn.Linear(config.HiddenSize, config.IntermediateSize);
        ffn_output = nn.Linear(config.IntermediateSize, config.HiddenSize);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly LayerNorm full_layer_layer_norm;
    private readonly AlbertAttention attention;
    private readonly Linear ffn;
    private readonly Linear ffn_output;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var attended = attention.forward(hidden, additiveMask);
        var fed = ffn_output.forward(nn.functional.gelu(ffn.forward(attended), GELU.Approximate.tanh));
        return full_layer_layer_norm.forward(fed + attended).MoveToOuterDisposeScope();
    }
}
