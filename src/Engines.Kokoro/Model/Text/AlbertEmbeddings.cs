using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Text;

/// <summary>ALBERT's embeddings: word + absolute position + token type (always 0), then LayerNorm (eps 1e-12).</summary>
public sealed class AlbertEmbeddings : nn.Module<Tensor, Tensor>
{
    public AlbertEmbeddings(long vocabulary, PlBertConfig config) : base(nameof(AlbertEmbeddings))
    {
        word_embeddings = nn.Embedding(vocabulary, config.EmbeddingSize);
        position_embeddings = nn.Embedding(config.MaxPositions, config.EmbeddingSize);
        token_type_embeddings = nn.Embedding(2, config.EmbeddingSize);
        LayerNorm = nn.LayerNorm(config.EmbeddingSize, eps: 1e-12);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
#pragma warning restore IDE1006, SA1300

    /// <param name="inputIds"><c>[B, T]</c>.</param>
    /// <returns><c>[B, T, embedding_size]</c>.</returns>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var positions = arange(inputIds.shape[1], dtype: int64, device: inputIds.device).unsqueeze(0);
        var tokenTypes = zeros_like(inputIds, dtype: int64);
        var sum = word_embeddings.forward(inputIds) + position_embeddings.forward(positions) + token_type_embeddings.forward(tokenTypes);
        return LayerNorm.forward(sum).MoveToOuterDisposeScope();
    }
}
