using AutoScale.Engines.Kokoro.Model.Text;
using AutoScale.Engines.Kokoro.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Prosody;

/// <summary>
/// The predictor's <c>text_encoder</c>: the style is concatenated to every step, then <c>n_layer</c> times a bidirectional LSTM
/// and an <see cref="AdaLayerNorm"/> (the ModuleList <c>lstms</c> alternates them: LSTMs at even indices).
/// </summary>
public sealed class DurationEncoder : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor>
{
    public DurationEncoder(KokoroConfig config) : base(nameof(DurationEncoder))
    {
        var hidden = config.HiddenDim;
        var style = config.StyleDim;
        lstms = nn.ModuleList(Enumerable.Range(0, config.LayerCount)
            .SelectMany(_ => new nn.Module[]
            {
                nn.LSTM(hidden + style, hidden / 2, batchFirst: true, bidirectional: true),
                new AdaLayerNorm(style, hidden),
            })
            .ToArray());
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly ModuleList<nn.Module> lstms;
#pragma warning restore IDE1006, SA1300

    /// <param name="x"><c>[B, hidden_dim, T]</c> (the BERT encoding).</param>
    /// <param name="style"><c>[B, style_dim]</c> (the prosody half of the voice).</param>
    /// <param name="lengths"><c>[B]</c> valid tokens per item.</param>
    /// <param name="mask"><c>[B, T]</c> bool, true at padding.</param>
    /// <returns><c>[B, T, hidden_dim + style_dim]</c>, zero at padding.</returns>
    public override Tensor forward(Tensor x, Tensor style, Tensor lengths, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var padding = mask.unsqueeze(-1);
        var styleSteps = style.unsqueeze(1).expand(x.shape[0], x.shape[2], style.shape[1]);
        var h = cat([x.transpose(1, 2), styleSteps], dim: -1).masked_fill(padding, 0.0);
        foreach (var block in lstms)
        {
            if (block is AdaLayerNorm norm)
            {
                h = cat([norm.forward(h, style), styleSteps], dim: -1).masked_fill(padding, 0.0);
            }
            else
            {
                h = PackedLstm.Run((LSTM)block, h, lengths);
            }
        }

        return h.MoveToOuterDisposeScope();
    }
}
