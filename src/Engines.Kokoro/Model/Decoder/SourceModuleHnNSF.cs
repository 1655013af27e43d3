using TorchSharp.Modules;
using static TorchSharp.torch;
using RandomSource = TorchSharp.torch.Generator;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>
/// The harmonic-plus-noise source: <see cref="SineGen"/>'s harmonics merged into one excitation by
/// <c>tanh(l_linear(·))</c>. Input F0 <c>[B, L, 1]</c> at the output sample rate and the generator the random phases and
/// noise are drawn from; output <c>[B, L, 1]</c>.
/// </summary>
public sealed class SourceModuleHnNSF : nn.Module<Tensor, RandomSource, Tensor>
{
    public SourceModuleHnNSF(int sampleRate, int upsampleScale, int harmonicNum = 0, double sineAmp = 0.1, double addNoiseStd = 0.003, double voicedThreshold = 0, bool stochastic = true)
        : base(nameof(SourceModuleHnNSF))
    {
        l_sin_gen = new SineGen(sampleRate, upsampleScale, harmonicNum, sineAmp, addNoiseStd, voicedThreshold, stochastic);
        l_linear = nn.Linear(harmonicNum + 1, 1);
        l_tanh = nn.Tanh();
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly SineGen l_sin_gen;
    private readonly Linear l_linear;
    private readonly Tanh l_tanh;
#pragma warning restore IDE1006, SA1300

    /// <summary>Test-only (<see cref="HarmonicSourceMode.SinesInFloat64"/>): the sine generator runs in float64.</summary>
    internal bool SinesInFloat64 { get; set; }

    public override Tensor forward(Tensor f0, RandomSource random)
    {
        using var scope = NewDisposeScope();
        Tensor sines;
        using (no_grad())
        {
            sines = SinesInFloat64
                ? l_sin_gen.forward(f0.to(ScalarType.Float64), random).to(f0.dtype)
                : l_sin_gen.forward(f0, random);
        }
        return l_tanh.forward(l_linear.forward(sines)).MoveToOuterDisposeScope();
    }
}
