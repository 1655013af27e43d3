using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Text;

/// <summary>ALBERT's encoder: project the embeddings to the hidden size, then run the one shared layer group <c>num_hidden_layers</c> times.</summary>
public sealed class AlbertTransformer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly int _layers;

    public AlbertTransformer(PlBertConfig config) : base(nameof(AlbertTransformer))
    {
        _layers = config.HiddenLayers;
        embedding_hidden_mapping_in = nn.Linear(config.EmbeddingSize, config.HiddenSize);
        albert_layer_groups = nn.ModuleList(new AlbertLayerGroup(config));
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly Linear embedding_hidden_mapping_in;
    private readonly ModuleList<AlbertLayerGroup> albert_layer_groups;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor embedded, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var hidden = embedding_hidden_mapping_in.forward(embedded);
        for (var i = 0; i < _layers; i++)
        {
            hidden = albert_layer_groups[0].forward(hidden, additiveMask);
        }

        return hidden.MoveToOuterDisposeScope();
    }
}
