using AutoScale.Engines.Kokoro.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Text;

/// <summary>
/// Kokoro's acoustic text encoder: embedding, <c>n_layer</c> blocks of [weight-norm Conv1d, channel LayerNorm, LeakyReLU(0.2),
/// Dropout], then a bidirectional LSTM. Padding is zeroed after every stage and skipped by the LSTM.
/// </summary>
public sealed class TextEncoder : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    public TextEncoder(KokoroConfig config) : base(nameof(TextEncoder))
    {
        var channels = config.HiddenDim;
        var kernel = config.TextEncoderKernelSize;
        embedding = nn.Embedding(config.TokenCount, channels);
        cnn = nn.ModuleList(Enumerable.Range(0, config.LayerCount)
            .Select(_ => nn.Sequential(
                new WeightNormConv1d(channels, channels, kernel, padding: (kernel - 1) / 2),
                new ChannelLayerNorm(channels),
                nn.LeakyReLU(0.2),
                nn.Dropout(config.Dropout)))
            .ToArray());
        lstm = nn.LSTM(channels, channels / 2, batchFirst: true, bidirectional: true);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly Embedding embedding;
    private readonly ModuleList<Sequential> cnn;
    private readonly LSTM lstm;
#pragma warning restore IDE1006, SA1300

    /// <param name="inputIds"><c>[B, T]</c> token ids.</param>
    /// <param name="lengths"><c>[B]</c> valid tokens per item.</param>
    /// <param name="mask"><c>[B, T]</c> bool, true at padding.</param>
    /// <returns><c>[B, hidden_dim, T]</c>, zero at padding.</returns>
    public override Tensor forward(Tensor inputIds, Tensor lengths, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var padding = mask.unsqueeze(1);
        var x = embedding.forward(inputIds).transpose(1, 2).masked_fill(padding, 0.0);
        foreach (var block in cnn)
        {
            x = block.forward(x).masked_fill(padding, 0.0);
        }

        x = PackedLstm.Run(lstm, x.transpose(1, 2), lengths).transpose(1, 2);
        return x.masked_fill(padding, 0.0).MoveToOuterDisposeScope();
    }
}
