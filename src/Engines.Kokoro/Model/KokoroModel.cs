using AutoScale.Engines.Kokoro.Model.Prosody;
using AutoScale.Engines.Kokoro.Model.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;
using RandomSource = TorchSharp.torch.Generator;

namespace AutoScale.Engines.Kokoro.Model;

/// <summary>
/// Kokoro-82M (upstream's KModel): phoneme tokens and a voice row in, 24 kHz audio out. The five children carry the
/// checkpoint's top-level names (bert, bert_encoder, predictor, text_encoder, decoder). Durations are rounded per token and
/// the alignment is built from them (kokoro-notes §1.4). Utterances of different lengths can be spoken as one padded batch;
/// each item's audio is what it gets alone (up to float rounding), and its random source draws from its own seed.
/// </summary>
public sealed class KokoroModel : nn.Module
{
    public KokoroModel(
        KokoroConfig config,
        long? decoderEncodeChannels = null,
        long? decoderResidualChannels = null,
        bool stochasticSource = true)
        : base(nameof(KokoroModel))
    {
        Config = config;
        bert = new CustomAlbert(config);
        bert_encoder = nn.Linear(config.PlBert.HiddenSize, config.HiddenDim);
        predictor = new ProsodyPredictor(config);
        text_encoder = new TextEncoder(config);
        decoder = new Decoder.Decoder(
            config, decoderEncodeChannels ?? config.DecoderEncodeChannels, decoderResidualChannels ?? config.DecoderResidualChannels, stochasticSource);
        RegisterComponents();
    }

    public KokoroConfig Config { get; }

#pragma warning disable IDE1006, SA1300 // field names are the checkpoint's keys (RegisterComponents uses them)
    private readonly CustomAlbert bert;
    private readonly Linear bert_encoder;
    private readonly ProsodyPredictor predictor;
    private readonly TextEncoder text_encoder;
    private readonly Decoder.Decoder decoder;
#pragma warning restore IDE1006, SA1300

    /// <summary>
    /// Speaks one utterance. <paramref name="tokens"/> are the phoneme ids with the 0 start and end tokens, <c>[1, T]</c>;
    /// <paramref name="voice"/> is the voice pack's row for this length, <c>[1, 2 · style_dim]</c> (acoustic style, then
    /// prosody style). Returns the audio <c>[600 · F]</c> and the frames per token <c>[T]</c>.
    /// </summary>
    public (Tensor Audio, Tensor Durations) Speak(Tensor tokens, Tensor voice, double speed = 1.0, long seed = 0)
    {
        long[] ids;
        using (NewDisposeScope())
        {
            ids = tokens.cpu().to(ScalarType.Int64).data<long>().ToArray();
        }
        return SpeakBatch([new KokoroUtterance(ids, voice, speed, seed)])[0];
    }

    /// <summary>
    /// Speaks several utterances at once, padded to the longest: every stage runs once for the whole batch, with padding masked
    /// so that each item's audio equals what it gets alone. Returns per item its audio <c>[600 · F_b]</c> and its frames
    /// per token <c>[T_b]</c>.
    /// </summary>
    public IReadOnlyList<(Tensor Audio, Tensor Durations)> SpeakBatch(IReadOnlyList<KokoroUtterance> utterances)
    {
        using var scope = NewDisposeScope();
        return [.. Forward(utterances).Select(item => (item.Audio.MoveToOuterDisposeScope(), item.Durations.MoveToOuterDisposeScope()))];
    }

    /// <summary>One utterance with what the comparison with upstream reads (durations before and after rounding, F0, N, audio).</summary>
    internal KokoroTrace Trace(KokoroUtterance utterance) => Forward([utterance])[0];

    /// <summary>Test-only switches of the generator's harmonic branch (<see cref="HarmonicSourceMode"/>); production leaves them off.</summary>
    internal HarmonicSourceMode HarmonicSource
    {
        get => decoder.HarmonicSource;
        set => decoder.HarmonicSource = value;
    }

    /// <summary>The forward pass of a padded batch; each item's tensors go to the caller's dispose scope.</summary>
    private IReadOnlyList<KokoroTrace> Forward(IReadOnlyList<KokoroUtterance> utterances)
    {
        if (utterances.Count == 0)
        {
            return [];
        }
        if (utterances.Any(u => u.Tokens.Length == 0))
        {
            throw new ArgumentException("Every utterance needs at least its start and end tokens.", nameof(utterances));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var device = utterances[0].Voice.device;
        var (tokens, lengths, padding) = PadTokens(utterances, device);
        var voices = cat(utterances.Select(u => u.Voice.to(device)).ToList(), dim: 0);
        var acoustic = voices[.., ..(int)Config.StyleDim];
        var prosody = voices[.., (int)Config.StyleDim..];
        var speeds = tensor(utterances.Select(u => u.Speed).ToArray(), device: device);

        var bertEncoding = bert_encoder.forward(bert.forward(tokens, (~padding).to(ScalarType.Int64))).transpose(-1, -2);
        var encoded = predictor.Encode(bertEncoding, prosody, lengths, padding);
        var rawDurations = ProsodyPredictor.Durations(predictor.DurationLogits(encoded, lengths), speeds);
        var durations = rawDurations.round().clamp_min(1).to(ScalarType.Int64).masked_fill(padding, 0);
        var frames = durations.sum(1);
        var alignment = Alignment(durations, frames.max().item<long>());
        var (f0, n) = predictor.F0N(encoded.transpose(-1, -2).matmul(alignment), prosody, frames);
        var asr = text_encoder.forward(tokens, lengths, padding).matmul(alignment);

        var random = utterances.Select(u => new RandomSource(unchecked((ulong)u.Seed), device)).ToList();
        try
        {
            var audio = decoder.Decode(asr, f0, n, acoustic, frames, random);
            var curveSteps = (frames * 2).cpu().data<long>().ToArray();
            return [.. utterances.Select((u, b) => new KokoroTrace(
                durations[b, ..u.Tokens.Length].MoveToOuterDisposeScope(),
                rawDurations[b, ..u.Tokens.Length].MoveToOuterDisposeScope(),
                f0[b, ..(int)curveSteps[b]].MoveToOuterDisposeScope(),
                n[b, ..(int)curveSteps[b]].MoveToOuterDisposeScope(),
                audio[b].MoveToOuterDisposeScope()))];
        }
        finally
        {
            random.ForEach(g => g.Dispose());
        }
    }

    /// <summary>The one-hot alignment <c>[1, T, F]</c> that repeats token t for durations[t] frames.</summary>
    public static Tensor Alignment(Tensor durations)
    {
        using var scope = NewDisposeScope();
        return Alignment(durations.unsqueeze(0), durations.sum().item<long>()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The batched alignment <c>[B, T, frames]</c>: token t of item b covers frames [Σ durations[b, ..t], Σ durations[b, ..t+1]).
    /// Padded tokens need duration 0; frames past an item's total are all zero.
    /// </summary>
    public static Tensor Alignment(Tensor durations, long frames)
    {
        using var scope = NewDisposeScope();
        var ends = durations.cumsum(1).unsqueeze(-1);
        var starts = ends - durations.unsqueeze(-1);
        var frame = arange(frames, dtype: ScalarType.Int64, device: durations.device).view(1, 1, -1);
        return ((frame >= starts) & (frame < ends)).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    private static (Tensor Tokens, Tensor Lengths, Tensor Padding) PadTokens(IReadOnlyList<KokoroUtterance> utterances, Device device)
    {
        var longest = utterances.Max(u => u.Tokens.Length);
        var ids = new long[utterances.Count * longest];
        for (var b = 0; b < utterances.Count; b++)
        {
            utterances[b].Tokens.CopyTo(ids, b * longest);
        }
        var lengths = tensor(utterances.Select(u => (long)u.Tokens.Length).ToArray(), device: device);
        var padding = arange(longest, dtype: ScalarType.Int64, device: device).unsqueeze(0) >= lengths.unsqueeze(1);
        return (tensor(ids, [utterances.Count, longest], device: device), lengths, padding);
    }
}
