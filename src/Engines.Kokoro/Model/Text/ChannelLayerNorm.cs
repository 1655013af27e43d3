using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Text;

/// <summary>Kokoro's own LayerNorm: over the channels of a <c>[B, C, T]</c> tensor, with parameters named <c>gamma</c> and <c>beta</c>.</summary>
public sealed class ChannelLayerNorm : nn.Module<Tensor, Tensor>
{
    private readonly long _channels;

    public ChannelLayerNorm(long channels) : base(nameof(ChannelLayerNorm))
    {
        _channels = channels;
        gamma = nn.Parameter(ones(channels));
        beta = nn.Parameter(zeros(channels));
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly Parameter gamma;
    private readonly Parameter beta;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var channelsLast = x.transpose(1, -1);
        return nn.functional.layer_norm(channelsLast, [_channels], gamma, beta, 1e-5).transpose(1, -1).MoveToOuterDisposeScope();
    }
}
