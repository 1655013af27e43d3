using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Modules;

/// <summary>Weight normalisation as the checkpoint stores it: <c>weight = weight_g · weight_v / ‖weight_v‖</c>, the norm over every dim but 0.</summary>
public static class WeightNorm
{
    public static Tensor Weight(Tensor g, Tensor v)
    {
        var dims = Enumerable.Range(1, (int)v.dim() - 1).Select(d => (long)d).ToArray();
        return g * v / linalg.vector_norm(v, dims: dims, keepdim: true);
    }
}

/// <summary>A weight-normalised Conv1d with the checkpoint's parameter names <c>weight_g</c>, <c>weight_v</c>, <c>bias</c>.</summary>
public sealed class WeightNormConv1d : nn.Module<Tensor, Tensor>
{
    private readonly long _stride;
    private readonly long _padding;
    private readonly long _dilation;
    private readonly long _groups;

    public WeightNormConv1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true)
        : base(nameof(WeightNormConv1d))
    {
        _stride = stride;
        _padding = padding;
        _dilation = dilation;
        _groups = groups;
        var v = empty(outChannels, inChannels / groups, kernelSize);
        nn.init.kaiming_uniform_(v, Math.Sqrt(5));
        // Norm first: a Parameter takes over its tensor's handle.
        weight_g = nn.Parameter(linalg.vector_norm(v, dims: [1, 2], keepdim: true).detach().clone());
        weight_v = nn.Parameter(v);
        this.bias = bias ? nn.Parameter(zeros(outChannels)) : null;
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly Parameter weight_g;
    private readonly Parameter weight_v;
    private readonly Parameter? bias;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor input) =>
        nn.functional.conv1d(
            input, WeightNorm.Weight(weight_g, weight_v), bias, stride: _stride, padding: _padding, dilation: _dilation, groups: _groups);
}

/// <summary>A weight-normalised ConvTranspose1d (dim 0 of its weight is the input channels), checkpoint names as above.</summary>
public sealed class WeightNormConvTranspose1d : nn.Module<Tensor, Tensor>
{
    private readonly long _stride;
    private readonly long _padding;
    private readonly long _outputPadding;
    private readonly long _groups;

    public WeightNormConvTranspose1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long outputPadding = 0, long groups = 1, bool bias = true)
        : base(nameof(WeightNormConvTranspose1d))
    {
        _stride = stride;
        _padding = padding;
        _outputPadding = outputPadding;
        _groups = groups;
        var v = empty(inChannels, outChannels / groups, kernelSize);
        nn.init.kaiming_uniform_(v, Math.Sqrt(5));
        // Norm first: a Parameter takes over its tensor's handle.
        weight_g = nn.Parameter(linalg.vector_norm(v, dims: [1, 2], keepdim: true).detach().clone());
        weight_v = nn.Parameter(v);
        this.bias = bias ? nn.Parameter(zeros(outChannels)) : null;
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly Parameter weight_g;
    private readonly Parameter weight_v;
    private readonly Parameter? bias;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor input) =>
        nn.functional.conv_transpose1d(
            input, WeightNorm.Weight(weight_g, weight_v), bias, stride: _stride, padding: _padding, output_padding: _outputPadding, groups: _groups);
}
