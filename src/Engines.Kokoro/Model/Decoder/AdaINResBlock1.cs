using AutoScale.Engines.Kokoro.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>
/// iSTFTNet's style-conditioned residual block: for each of its three dilations,
/// <c>x += convs2(Snake(adain2(convs1(Snake(adain1(x)))), alpha2))</c> (alpha1 in the first Snake).
/// Input <c>[B, C, T]</c> and style <c>[B, styleDim]</c>; output <c>[B, C, T]</c>.
/// </summary>
public sealed class AdaINResBlock1 : nn.Module<Tensor, Tensor, Tensor>
{
    public AdaINResBlock1(long channels, long kernelSize, IReadOnlyList<int> dilations, long styleDim) : base(nameof(AdaINResBlock1))
    {
        convs1 = new ModuleList<WeightNormConv1d>(dilations
            .Select(d => new WeightNormConv1d(channels, channels, kernelSize, dilation: d, padding: d * (kernelSize - 1) / 2))
            .ToArray());
        convs2 = new ModuleList<WeightNormConv1d>(dilations
            .Select(_ => new WeightNormConv1d(channels, channels, kernelSize, padding: (kernelSize - 1) / 2))
            .ToArray());
        adain1 = new ModuleList<AdaIN1d>(dilations.Select(_ => new AdaIN1d(styleDim, channels)).ToArray());
        adain2 = new ModuleList<AdaIN1d>(dilations.Select(_ => new AdaIN1d(styleDim, channels)).ToArray());
        alpha1 = new ParameterList(dilations.Select(_ => new Parameter(ones(1, channels, 1))).ToArray());
        alpha2 = new ParameterList(dilations.Select(_ => new Parameter(ones(1, channels, 1))).ToArray());
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly ModuleList<WeightNormConv1d> convs1;
    private readonly ModuleList<WeightNormConv1d> convs2;
    private readonly ModuleList<AdaIN1d> adain1;
    private readonly ModuleList<AdaIN1d> adain2;
    private readonly ParameterList alpha1;
    private readonly ParameterList alpha2;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor x, Tensor style) => forward(x, style, null);

    /// <param name="x"><c>[B, C, T]</c>.</param>
    /// <param name="style"><c>[B, styleDim]</c>.</param>
    /// <param name="padding"><c>[B, 1, T]</c> bool, true at padding (<see cref="TimeMask"/>); null when nothing is padded.
    /// The output's padded steps are not meaningful.</param>
    public Tensor forward(Tensor x, Tensor style, Tensor? padding)
    {
        // One scope per dilation and every activation freed once dead (see Intermediate): the input x belongs to the caller.
        using var scope = NewDisposeScope();
        for (var i = 0; i < convs1.Count; i++)
        {
            using var step = NewDisposeScope();
            var xt = adain1[i].forward(x, style, padding);
            xt = Intermediate.Replace(xt, Snake.Apply(xt, alpha1[i]));
            xt = Intermediate.Replace(xt, TimeMask.Zero(xt, padding));
            xt = Intermediate.Replace(xt, convs1[i].forward(xt));
            xt = Intermediate.Replace(xt, adain2[i].forward(xt, style, padding));
            xt = Intermediate.Replace(xt, Snake.Apply(xt, alpha2[i]));
            xt = Intermediate.Replace(xt, TimeMask.Zero(xt, padding));
            var next = Intermediate.Replace(xt, convs2[i].forward(xt)).add_(x);
            if (i > 0)
            {
                x.Dispose();
            }
            x = next.MoveToOuterDisposeScope();
        }
        return x.MoveToOuterDisposeScope();
    }
}
