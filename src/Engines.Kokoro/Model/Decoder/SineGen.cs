using AutoScale.Engines.Kokoro.Modules;
using static TorchSharp.torch;
using RandomSource = TorchSharp.torch.Generator;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>
/// The neural-source-filter sine generator: the F0 curve and its harmonics (1…<c>harmonicNum+1</c>) as sines, silenced
/// where F0 ≤ the voiced threshold, plus Gaussian noise. Input F0 <c>[B, L, 1]</c> at the output sample rate;
/// output <c>[B, L, harmonicNum+1]</c>. Random (initial phases, then noise, drawn from the caller's generator and never from
/// torch's global one) unless built with <c>stochastic: false</c>.
/// </summary>
public sealed class SineGen : nn.Module<Tensor, RandomSource, Tensor>
{
    private readonly int _sampleRate;
    private readonly int _upsampleScale;
    private readonly int _dim;
    private readonly double _sineAmp;
    private readonly double _noiseStd;
    private readonly double _voicedThreshold;
    private readonly bool _stochastic;

    public SineGen(int sampleRate, int upsampleScale, int harmonicNum = 0, double sineAmp = 0.1, double noiseStd = 0.003, double voicedThreshold = 0, bool stochastic = true)
        : base(nameof(SineGen))
    {
        _sampleRate = sampleRate;
        _upsampleScale = upsampleScale;
        _dim = harmonicNum + 1;
        _sineAmp = sineAmp;
        _noiseStd = noiseStd;
        _voicedThreshold = voicedThreshold;
        _stochastic = stochastic;
        RegisterComponents();
    }

    public override Tensor forward(Tensor f0, RandomSource random)
    {
        // The [B, L, harmonics] tensors are worked on in place (same operations, same order): at 24 kHz each is tens of MB.
        using var scope = NewDisposeScope();
        var harmonics = arange(1, _dim + 1, dtype: f0.dtype, device: f0.device);
        var sines = HarmonicSines(f0 * harmonics, random).mul_(_sineAmp);
        var uv = (f0 > _voicedThreshold).to(f0.dtype);
        sines.mul_(uv);
        if (!_stochastic)
        {
            return sines.MoveToOuterDisposeScope();
        }
        var noiseAmp = uv * _noiseStd + (1 - uv) * (_sineAmp / 3);
        using var noise = randn(sines.shape, dtype: sines.dtype, device: sines.device, generator: random).mul_(noiseAmp);
        return sines.add_(noise).MoveToOuterDisposeScope();
    }

    /// <param name="harmonicF0"><c>[B, L, harmonics]</c>; disposed here.</param>
    /// <param name="random">Draws the initial phases when stochastic.</param>
    private Tensor HarmonicSines(Tensor harmonicF0, RandomSource random)
    {
        // Phase per sample in turns; the integer part is a whole number of cycles and can go.
        var rad = Intermediate.Replace(harmonicF0, harmonicF0 / _sampleRate).remainder_(1);
        if (_stochastic)
        {
            var initialPhase = rand([rad.shape[0], rad.shape[2]], dtype: rad.dtype, device: rad.device, generator: random);
            initialPhase[.., 0] = 0;
            rad[.., 0, ..] += initialPhase;
        }

        // Integrated at the frame rate and interpolated back (as upstream), so the phase is smooth across frames.
        Tensor down;
        using (rad)
        {
            down = nn.functional.interpolate(rad.transpose(1, 2), scale_factor: [1.0 / _upsampleScale], mode: InterpolationMode.Linear, align_corners: false);
        }
        var phase = down.cumsum(2) * (2 * Math.PI);
        var up = nn.functional.interpolate(phase * _upsampleScale, scale_factor: [(double)_upsampleScale], mode: InterpolationMode.Linear, align_corners: false);
        return up.sin_().transpose(1, 2);
    }
}
