using AutoScale.Engines.Kokoro.Model.Text;
using AutoScale.Engines.Kokoro.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Prosody;

/// <summary>
/// Kokoro's prosody predictor: per-token durations from the BERT encoding and the style, then F0 and energy (N) curves
/// at twice the frame rate from the aligned encoding.
/// </summary>
public sealed class ProsodyPredictor : nn.Module<Tensor, Tensor, Tensor, Tensor, Tensor>
{
    public ProsodyPredictor(KokoroConfig config) : base(nameof(ProsodyPredictor))
    {
        var hidden = config.HiddenDim;
        var style = config.StyleDim;
        text_encoder = new DurationEncoder(config);
        lstm = nn.LSTM(hidden + style, hidden / 2, batchFirst: true, bidirectional: true);
        duration_proj = new LinearNorm(hidden, config.MaxDuration);
        shared = nn.LSTM(hidden + style, hidden / 2, batchFirst: true, bidirectional: true);
        F0 = CurveBlocks(hidden, style);
        N = CurveBlocks(hidden, style);
        F0_proj = nn.Conv1d(hidden / 2, 1, 1);
        N_proj = nn.Conv1d(hidden / 2, 1, 1);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly DurationEncoder text_encoder;
    private readonly LSTM lstm;
    private readonly LinearNorm duration_proj;
    private readonly LSTM shared;
    private readonly ModuleList<AdainResBlk1d> F0;
    private readonly ModuleList<AdainResBlk1d> N;
    private readonly Conv1d F0_proj;
    private readonly Conv1d N_proj;
#pragma warning restore IDE1006, SA1300

    /// <summary>The duration encoder's output <c>d</c>: <c>[B, T, hidden_dim + style_dim]</c>, zero at padding.</summary>
    /// <param name="bertEncoding"><c>[B, hidden_dim, T]</c> (bert → bert_encoder, transposed).</param>
    /// <param name="style"><c>[B, style_dim]</c>: the second half of the voice row.</param>
    /// <param name="lengths"><c>[B]</c> valid tokens per item.</param>
    /// <param name="mask"><c>[B, T]</c> bool, true at padding.</param>
    public Tensor Encode(Tensor bertEncoding, Tensor style, Tensor lengths, Tensor mask) =>
        text_encoder.forward(bertEncoding, style, lengths, mask);

    /// <summary>Duration logits <c>[B, T, max_dur]</c> from <paramref name="encoded"/> (the output of <see cref="Encode"/>).</summary>
    public Tensor DurationLogits(Tensor encoded, Tensor lengths)
    {
        using var scope = NewDisposeScope();
        return duration_proj.forward(PackedLstm.Run(lstm, encoded, lengths)).MoveToOuterDisposeScope();
    }

    /// <summary>Frames per token before rounding: <c>sum(sigmoid(logits)) / speed</c>, <c>[B, T]</c>.</summary>
    public static Tensor Durations(Tensor logits, double speed = 1.0) => sigmoid(logits).sum(-1) / speed;

    /// <summary>Frames per token before rounding with a speed per item (<paramref name="speeds"/> <c>[B]</c>), <c>[B, T]</c>.</summary>
    public static Tensor Durations(Tensor logits, Tensor speeds) => sigmoid(logits).sum(-1) / speeds.to(logits.dtype).unsqueeze(1);

    /// <summary>F0 and energy curves, each <c>[B, 2F]</c>, from the aligned encoding <c>en</c> <c>[B, hidden_dim + style_dim, F]</c>.</summary>
    /// <param name="aligned"><c>[B, hidden_dim + style_dim, F]</c>.</param>
    /// <param name="style"><c>[B, style_dim]</c>.</param>
    /// <param name="frames"><c>[B]</c> valid frames per item (int64); null when every item has all F. The curves are zero
    /// past <c>2 · frames[b]</c>.</param>
    public (Tensor F0, Tensor N) F0N(Tensor aligned, Tensor style, Tensor? frames = null)
    {
        using var scope = NewDisposeScope();
        frames ??= full(aligned.shape[0], aligned.shape[2], dtype: ScalarType.Int64, device: aligned.device);
        var x = PackedLstm.Run(shared, aligned.transpose(1, 2), frames).transpose(1, 2);
        var padding = TimeMask.Padding(frames, aligned.shape[2]);
        var f0 = Curve(F0, F0_proj, x, style, padding);
        var n = Curve(N, N_proj, x, style, padding);
        return (f0.MoveToOuterDisposeScope(), n.MoveToOuterDisposeScope());
    }

    private static Tensor Curve(ModuleList<AdainResBlk1d> blocks, Conv1d projection, Tensor x, Tensor style, Tensor? padding)
    {
        foreach (var block in blocks)
        {
            x = block.forward(x, style, padding);
            padding = TimeMask.Stretch(padding, x.shape[^1]);
        }
        return TimeMask.Zero(projection.forward(x), padding).squeeze(1);
    }

    /// <summary>Unrounded durations <c>[B, T]</c> at speed 1 (zero-masked input; read only the first <c>lengths[b]</c> of each row).</summary>
    public override Tensor forward(Tensor bertEncoding, Tensor style, Tensor lengths, Tensor mask)
    {
        using var scope = NewDisposeScope();
        return Durations(DurationLogits(Encode(bertEncoding, style, lengths, mask), lengths)).MoveToOuterDisposeScope();
    }

    private static ModuleList<AdainResBlk1d> CurveBlocks(long hidden, long style) => nn.ModuleList(
        new AdainResBlk1d(hidden, hidden, style),
        new AdainResBlk1d(hidden, hidden / 2, style, upsample: true),
        new AdainResBlk1d(hidden / 2, hidden / 2, style));
}
