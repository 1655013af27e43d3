using AutoScale.Engines.Kokoro.Model.Prosody;
using AutoScale.Engines.Kokoro.Model.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model;

/// <summary>
/// Kokoro-82M (upstream's KModel): phoneme tokens and a voice row in, 24 kHz audio out. The five children carry the
/// checkpoint's top-level names (bert, bert_encoder, predictor, text_encoder, decoder). One utterance per call, as
/// upstream runs it: durations are rounded per token and the alignment is built from them (kokoro-notes §1.4).
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
    public (Tensor Audio, Tensor Durations) Speak(Tensor tokens, Tensor voice, double speed = 1.0)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var length = tokens.shape[1];
        var lengths = tensor(new[] { length }, device: tokens.device);
        var padding = zeros(1, length, dtype: ScalarType.Bool, device: tokens.device);
        var acoustic = voice[.., ..(int)Config.StyleDim];
        var prosody = voice[.., (int)Config.StyleDim..];

        var bertEncoding = bert_encoder.forward(bert.forward(tokens, ones_like(tokens))).transpose(-1, -2);
        var encoded = predictor.Encode(bertEncoding, prosody, lengths, padding);
        var durations = ProsodyPredictor.Durations(predictor.DurationLogits(encoded, lengths), speed)
            .round().clamp_min(1).to(ScalarType.Int64).squeeze(0);
        var alignment = Alignment(durations);
        var (f0, n) = predictor.F0N(encoded.transpose(-1, -2).matmul(alignment), prosody);
        var asr = text_encoder.forward(tokens, lengths, padding).matmul(alignment);
        var audio = decoder.forward(asr, f0, n, acoustic).squeeze();
        return (audio.MoveToOuterDisposeScope(), durations.MoveToOuterDisposeScope());
    }

    /// <summary>The one-hot alignment <c>[1, T, F]</c> that repeats token t for durations[t] frames.</summary>
    public static Tensor Alignment(Tensor durations)
    {
        using var scope = NewDisposeScope();
        var tokens = durations.shape[0];
        var frameOwner = arange(tokens, device: durations.device).repeat_interleave(durations);
        var frames = frameOwner.shape[0];
        var alignment = zeros(tokens, frames, device: durations.device);
        alignment.index_put_(ones(frames, device: durations.device), frameOwner, arange(frames, device: durations.device));
        return alignment.unsqueeze(0).MoveToOuterDisposeScope();
    }
}
