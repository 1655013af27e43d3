using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Text;

/// <summary>ALBERT self-attention: scaled dot product over heads, <c>dense</c>, then <c>LayerNorm(hidden + dense(context))</c>.</summary>
public sealed class AlbertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly long _heads;

    public AlbertAttention(PlBertConfig config) : base(nameof(AlbertAttention))
    {
        if (config.HiddenSize % config.AttentionHeads != 0)
        {
            throw new ArgumentException($"hidden_size {config.HiddenSize} is not a multiple of num_attention_heads {config.AttentionHeads}.", nameof(config));
        }

        _heads = config.AttentionHeads;
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        LayerNorm = nn.LayerNorm(config.HiddenSize, eps: 1e-12);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
#pragma warning restore IDE1006, SA1300

    /// <param name="hidden"><c>[B, T, H]</c>.</param>
    /// <param name="additiveMask"><c>[B, 1, 1, T]</c>: 0 where attended, a huge negative number at padding.</param>
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var scope = NewDisposeScope();
        var (batch, steps, size) = (hidden.shape[0], hidden.shape[1], hidden.shape[2]);
        var headSize = size / _heads;
        Tensor Heads(Tensor t) => t.view(batch, steps, _heads, headSize).transpose(1, 2);

        var scores = matmul(Heads(query.forward(hidden)), Heads(key.forward(hidden)).transpose(-1, -2)) / Math.Sqrt(headSize);
        var probabilities = softmax(scores + additiveMask, dim: -1);
        var context = matmul(probabilities, Heads(value.forward(hidden))).transpose(1, 2).reshape(batch, steps, size);
        return LayerNorm.forward(hidden + dense.forward(context)).MoveToOuterDisposeScope();
    }
}
