using AutoScale.Engines.Kokoro.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;
using RandomSource = TorchSharp.torch.Generator;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>
/// Kokoro's iSTFTNet generator: transposed-conv upsampling stages, each mixed with a harmonic source made from F0 and
/// refined by style-conditioned residual blocks, ending in a magnitude/phase spectrogram that the inverse STFT turns into audio.
/// <c>forward(x [B, upsample_initial_channel, T], style [B, styleDim], f0 [B, T])</c> → audio <c>[B, T · Π(upsample_rates) · hop]</c>
/// (300 samples per F0 frame with the official sizes). <see cref="Generate"/> runs a padded batch of different lengths.
/// </summary>
public sealed class Generator : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private const int HarmonicNum = 8;
    private const double VoicedThreshold = 10;

    private readonly int _kernelCount;
    private readonly int _postNFft;
    private readonly IReadOnlyList<int> _rates;
    private HarmonicSourceMode _harmonicSource = HarmonicSourceMode.Production;

    public Generator(KokoroConfig config, bool stochasticSource = true) : base(nameof(Generator))
    {
        var cfg = config.IstftNet;
        var styleDim = config.StyleDim;
        var rates = cfg.UpsampleRates;
        var upsampleScale = rates.Aggregate(1, (a, b) => a * b) * cfg.IstftHopSize;
        _kernelCount = cfg.ResblockKernelSizes.Count;
        _postNFft = cfg.IstftFftSize;
        _rates = rates;

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

    /// <summary>Test-only switches of the harmonic branch (<see cref="HarmonicSourceMode"/>); production leaves them off.</summary>
    internal HarmonicSourceMode HarmonicSource
    {
        get => _harmonicSource;
        set
        {
            _harmonicSource = value;
            m_source.SinesInFloat64 = value.SinesInFloat64;
        }
    }

    /// <summary>Every item full length, each item's source seeded with 0; audio <c>[B, samples]</c>.</summary>
    public override Tensor forward(Tensor x, Tensor style, Tensor f0)
    {
        using var scope = NewDisposeScope();
        var lengths = full(x.shape[0], x.shape[2], dtype: ScalarType.Int64);
        var random = Enumerable.Range(0, (int)x.shape[0]).Select(_ => new RandomSource(0, x.device)).ToList();
        try
        {
            return stack(Generate(x, style, f0, lengths, random)).MoveToOuterDisposeScope();
        }
        finally
        {
            random.ForEach(g => g.Dispose());
        }
    }

    /// <summary>
    /// A padded batch: item b is valid for its first <c>lengths[b]</c> frames of <paramref name="x"/> and <paramref name="f0"/>,
    /// and its audio equals what the item gives alone (up to float rounding).
    /// </summary>
    /// <param name="x"><c>[B, upsample_initial_channel, T]</c>.</param>
    /// <param name="style"><c>[B, styleDim]</c>.</param>
    /// <param name="f0"><c>[B, T]</c>.</param>
    /// <param name="lengths"><c>[B]</c> valid frames per item (int64).</param>
    /// <param name="random">One generator per item for its harmonic source's random phases and noise.</param>
    /// <returns>Per item, its audio <c>[lengths[b] · Π(upsample_rates) · hop]</c>.</returns>
    public IReadOnlyList<Tensor> Generate(Tensor x, Tensor style, Tensor f0, Tensor lengths, IReadOnlyList<RandomSource> random)
    {
        using var scope = NewDisposeScope();
        var frames = lengths.cpu().to(ScalarType.Int64).data<long>().ToArray();
        var harmonics = Harmonics(f0, frames, random, x.shape[2] * _rates.Aggregate(1L, (a, b) => a * b) + 1);

        var stageLengths = lengths.to(ScalarType.Int64).to(x.device);
        var padding = TimeMask.Padding(stageLengths, x.shape[2]);
        // Each stage's activations are freed as soon as they are dead (see Intermediate); x on entry is the caller's.
        for (var i = 0; i < ups.Count; i++)
        {
            using var stage = NewDisposeScope();
            var last = i == ups.Count - 1;
            var y = nn.functional.leaky_relu(x, 0.1);
            y = Intermediate.Replace(y, TimeMask.Zero(y, padding));
            y = Intermediate.Replace(y, ups[i].forward(y));
            if (last)
            {
                y = Intermediate.Replace(y, reflection_pad.forward(y));
            }

            // The left reflection pad adds one step to every item alike, so lengths scale with the rate, plus one at the end.
            stageLengths = (stageLengths * _rates[i] + (last ? 1 : 0)).MoveToOuterDisposeScope();
            padding = TimeMask.Padding(stageLengths, y.shape[2])?.MoveToOuterDisposeScope();
            using (var source = noise_convs[i].forward(harmonics))
            using (var xSource = noise_res[i].forward(source, style, padding))
            {
                y.add_(xSource);
            }

            var sum = resblocks[i * _kernelCount].forward(y, style, padding);
            for (var j = 1; j < _kernelCount; j++)
            {
                using var block = resblocks[i * _kernelCount + j].forward(y, style, padding);
                sum.add_(block);
            }
            y.Dispose();
            if (i > 0)
            {
                x.Dispose();
            }
            x = sum.div_(_kernelCount).MoveToOuterDisposeScope();
        }

        x = Intermediate.Replace(x, nn.functional.leaky_relu(x, 0.01));
        x = Intermediate.Replace(x, TimeMask.Zero(x, padding));
        x = Intermediate.Replace(x, conv_post.forward(x));
        var bins = _postNFft / 2 + 1;
        var spectrumFrames = stageLengths.cpu().data<long>().ToArray();
        var audio = new List<Tensor>(frames.Length);
        for (var b = 0; b < frames.Length; b++)
        {
            // The inverse STFT's centring trims both ends, so it runs on each item's valid frames only.
            var item = x[b..(b + 1), .., ..(int)spectrumFrames[b]];
            var spectrum = exp(item[.., ..bins, ..]);
            var phase = sin(item[.., bins.., ..]);
            audio.Add(stft.Inverse(spectrum, phase).squeeze(0).MoveToOuterDisposeScope());
        }
        return audio;
    }

    /// <summary>
    /// Magnitude and phase of each item's harmonic source <c>[B, nFft + 2, totalFrames]</c>, zero past each item's frames.
    /// Per item, because the STFT reflect-pads at the item's own end, and so each item's random draws are its own.
    /// </summary>
    private Tensor Harmonics(Tensor f0, long[] frames, IReadOnlyList<RandomSource> random, long totalFrames)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var items = new List<Tensor>(frames.Length);
        for (var b = 0; b < frames.Length; b++)
        {
            var f0Samples = f0_upsamp.forward(f0[b..(b + 1), ..(int)frames[b]].unsqueeze(1)).transpose(1, 2);
            var source = m_source.forward(f0Samples, random[b]).transpose(1, 2).squeeze(1);
            var (magnitude, phase) = stft.Transform(source, _harmonicSource.CanonicalPhase);
            var harmonics = cat([magnitude, phase], dim: 1);
            items.Add(nn.functional.pad(harmonics, [0, totalFrames - harmonics.shape[2]]));
        }
        return cat(items, dim: 0).MoveToOuterDisposeScope();
    }
}
