using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Prosody;

/// <summary>StyleTTS2's LinearNorm: a Linear kept under the field name <c>linear_layer</c>.</summary>
public sealed class LinearNorm : nn.Module<Tensor, Tensor>
{
    public LinearNorm(long inFeatures, long outFeatures) : base(nameof(LinearNorm))
    {
        linear_layer = nn.Linear(inFeatures, outFeatures);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly Linear linear_layer;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor x) => linear_layer.forward(x);
}
