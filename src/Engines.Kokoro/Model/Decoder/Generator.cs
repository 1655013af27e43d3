using AutoScale.Engines.Kokoro.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>
/// Kokoro's iSTFTNet generator: transposed-conv upsampling stages, each mixed with a harmonic source made from F0 and
/// refined by style-conditioned residual blocks, ending in a magnitude/phase spectrogram that the inverse STFT turns into audio.
/// <c>forward(x [B, upsample_initial_channel, T], style [B, styleDim], f0 [B, T])</c> → audio <c>[B, T · Π(upsample_rates) · hop]</c>
/// (300 samples per F0 frame with the official sizes).
/// </summary>
public sealed class Generator : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private const int HarmonicNum = 8;
    private const double VoicedThreshold = 10;

    private readonly int _kernelCount;
    private readonly int _postNFft;

    public Generator(KokoroConfig config, bool stochasticSource = true) : base(nameof(Generator))
    {
        var cfg = config.IstftNet;
        var styleDim = config.StyleDim;
        var rates = cfg.UpsampleRates;
        var upsampleScale = rates.Aggregate(1, (a, b) => a * b) * cfg.IstftHopSize;
        _kernelCount = cfg.ResblockKernelSizes.Count;
        _postNFft = cfg.IstftFftSize;

        m_source = new SourceModuleHnNSF(config.SampleRate, upsampleScale, HarmonicNum, voicedThreshold: VoicedThreshold, stochastic: stochasticSource);
        f0_upsamp = nn.Upsample(scale_factor: [(double)upsampleScale], mode: UpsampleMode.Nearest);

        var ups = new List<WeightNormConvTranspose1d>();
        var resblocks = new List<AdaINResBlock1>();
        var noiseConvs = new List<Conv1d>();
        var noiseRes = new List<AdaINResBlock1>();
        long channels = cfg.UpsampleInitialChannel;
        for (var i = 0; i < rates.Count; i++)
        {
            long u = rates[i], k = cfg.UpsampleKernelSizes[i];
            ups.Add(new WeightNormConvTranspose1d(channels, channels / 2, k, stride: u, padding: (k - u) / 2));
            channels /= 2;
            for (var j = 0; j < _kernelCount; j++)
            {
                resblocks.Add(new AdaINResBlock1(channels, cfg.ResblockKernelSizes[j], cfg.ResblockDilationSizes[j], styleDim));
            }
            if (i + 1 < rates.Count)
            {
                var strideF0 = rates.Skip(i + 1).Aggregate(1, (a, b) => a * b);
                noiseConvs.Add(nn.Conv1d(_postNFft + 2, channels, strideF0 * 2, stride: strideF0, padding: (strideF0 + 1) / 2));
                noiseRes.Add(new AdaINResBlock1(channels, 7, [1, 3, 5], styleDim));
            }
            else
            {
                noiseConvs.Add(nn.Conv1d(_postNFft + 2, channels, 1));
                noiseRes.Add(new AdaINResBlock1(channels, 11, [1, 3, 5], styleDim));
            }
        }
        this.ups = new ModuleList<WeightNormConvTranspose1d>(ups.ToArray());
        this.resblocks = new ModuleList<AdaINResBlock1>(resblocks.ToArray());
        noise_convs = new ModuleList<Conv1d>(noiseConvs.ToArray());
        noise_res = new ModuleList<AdaINResBlock1>(noiseRes.ToArray());
        conv_post = new WeightNormConv1d(channels, _postNFft + 2, 7, padding: 3);
        reflection_pad = nn.ReflectionPad1d((1, 0));
        stft = new TorchStft(_postNFft, cfg.IstftHopSize, _postNFft);
        RegisterComponents();
    }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly SourceModuleHnNSF m_source;
    private readonly Upsample f0_upsamp;
    private readonly ModuleList<Conv1d> noise_convs;
    private readonly ModuleList<AdaINResBlock1> noise_res;
    private readonly ModuleList<WeightNormConvTranspose1d> ups;
    private readonly ModuleList<AdaINResBlock1> resblocks;
    private readonly WeightNormConv1d conv_post;
    private readonly ReflectionPad1d reflection_pad;
    private readonly TorchStft stft;
#pragma warning restore IDE1006, SA1300

    public override Tensor forward(Tensor x, Tensor style, Tensor f0)
    {
        using var scope = NewDisposeScope();
        Tensor harmonics;
        using (no_grad())
        {
            var f0Samples = f0_upsamp.forward(f0.unsqueeze(1)).transpose(1, 2);
            var source = m_source.forward(f0Samples).transpose(1, 2).squeeze(1);
            var (magnitude, phase) = stft.Transform(source);
            harmonics = cat([magnitude, phase], dim: 1);
        }

        for (var i = 0; i < ups.Count; i++)
        {
            x = nn.functional.leaky_relu(x, 0.1);
            var xSource = noise_res[i].forward(noise_convs[i].forward(harmonics), style);
            x = ups[i].forward(x);
            if (i == ups.Count - 1)
            {
                x = reflection_pad.forward(x);
            }
            x = x + xSource;
            var sum = resblocks[i * _kernelCount].forward(x, style);
            for (var j = 1; j < _kernelCount; j++)
            {
                sum = sum + resblocks[i * _kernelCount + j].forward(x, style);
            }
            x = sum / _kernelCount;
        }

        x = conv_post.forward(nn.functional.leaky_relu(x, 0.01));
        var bins = _postNFft / 2 + 1;
        var spectrum = exp(x[.., ..bins, ..]);
        var phaseOut = sin(x[.., bins.., ..]);
        return stft.Inverse(spectrum, phaseOut).MoveToOuterDisposeScope();
    }
}
