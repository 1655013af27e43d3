using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model.Decoder;

/// <summary>
/// iSTFTNet's STFT with a periodic Hann window (centred, reflect-padded): <see cref="Transform(Tensor)"/> gives magnitude and
/// phase <c>[B, nFft/2+1, L/hop+1]</c> of a signal <c>[B, L]</c>, and <see cref="Inverse"/> turns them back into
/// <c>[B, hop · (frames − 1)]</c> samples. <c>forward</c> is the round trip.
/// </summary>
public sealed class TorchStft : nn.Module<Tensor, Tensor>
{
    private readonly long _nFft;
    private readonly long _hop;
    private readonly long _winLength;

    public TorchStft(long nFft, long hop, long winLength) : base(nameof(TorchStft))
    {
        _nFft = nFft;
        _hop = hop;
        _winLength = winLength;
        // Not persistent: the checkpoint has no window (upstream keeps it as a plain attribute).
        register_buffer("window", hann_window(winLength, periodic: true, dtype: ScalarType.Float32), persistent: false);
        RegisterComponents();
    }

    private Tensor Window => get_buffer("window")!;

    public (Tensor Magnitude, Tensor Phase) Transform(Tensor signal) => Transform(signal, canonicalPhase: false);

    /// <param name="signal"><c>[B, L]</c>.</param>
    /// <param name="canonicalPhase">Test-only: the phase as <see cref="CanonicalPhase"/> makes it, instead of the plain angle.</param>
    internal (Tensor Magnitude, Tensor Phase) Transform(Tensor signal, bool canonicalPhase)
    {
        using var scope = NewDisposeScope();
        var spectrum = stft(signal, _nFft, _hop, _winLength, Window.to(signal.device), center: true, pad_mode: TorchSharp.PaddingModes.Reflect, return_complex: true);
        var magnitude = spectrum.abs();
        var phase = canonicalPhase ? CanonicalPhase.Of(spectrum, magnitude) : spectrum.angle();
        return (magnitude.MoveToOuterDisposeScope(), phase.MoveToOuterDisposeScope());
    }

    public Tensor Inverse(Tensor magnitude, Tensor phase)
    {
        using var scope = NewDisposeScope();
        return istft(polar(magnitude, phase), _nFft, _hop, _winLength, Window.to(magnitude.device), center: true).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor signal)
    {
        using var scope = NewDisposeScope();
        var (magnitude, phase) = Transform(signal);
        return Inverse(magnitude, phase).MoveToOuterDisposeScope();
    }
}
