using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Text;

/// <summary>ALBERT's layer group (<c>inner_group_num</c> = 1: a single layer under <c>albert_layers.0</c>).</summary>
public sealed class AlbertLayerGroup : nn.Module<Tensor, Tensor, Tensor>
{
    public AlbertLayerGroup(PlBertConfig config) : base(nameof(AlbertLayerGroup))
    {
        albert_layers = nn.ModuleList(new AlbertLayer(config));
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly ModuleList<AlbertLayer> albert_layers;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        foreach (var layer in albert_layers)
        {
            hidden = layer.forward(hidden, additiveMask);
        }

        return hidden.MoveToOuterDisposeScope();
    }
}
