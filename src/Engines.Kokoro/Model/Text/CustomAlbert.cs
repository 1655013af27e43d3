using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Text;

/// <summary>
/// Kokoro's PL-BERT (<c>bert</c>): Hugging Face's AlbertModel with the vocabulary of the phoneme tokens, returning the last
/// hidden state. The <c>pooler</c> is kept only because its weights are in the checkpoint.
/// </summary>
public sealed class CustomAlbert : nn.Module<Tensor, Tensor, Tensor>
{
    public CustomAlbert(KokoroConfig config) : base(nameof(CustomAlbert))
    {
        embeddings = new AlbertEmbeddings(config.TokenCount, config.PlBert);
        encoder = new AlbertTransformer(config.PlBert);
        pooler = nn.Linear(config.PlBert.HiddenSize, config.PlBert.HiddenSize);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly AlbertEmbeddings embeddings;
    private readonly AlbertTransformer encoder;
    private readonly Linear pooler;
#pragma warning restore IDE1006, SA1300

    /// <param name="inputIds"><c>[B, T]</c> token ids (T at most max_position_embeddings).</param>
    /// <param name="attentionMask"><c>[B, T]</c>: 1 (or true) for real tokens, 0 at padding.</param>
    /// <returns>The last hidden state <c>[B, T, hidden_size]</c>.</returns>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        var embedded = embeddings.forward(inputIds);
        var keep = attentionMask.to(embedded.dtype).unsqueeze(1).unsqueeze(2);
        // Hugging Face's extended mask: (1 - mask) * finfo.min, added to the attention scores.
        var additiveMask = (1 - keep) * float.MinValue;
        return encoder.forward(embedded, additiveMask).MoveToOuterDisposeScope();
    }
}
