using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model;

/// <summary>What one utterance's forward pass computed, for comparing the port with upstream (see <see cref="KokoroModel.Trace"/>).</summary>
/// <param name="Durations">Frames per token after rounding, <c>[T]</c> int64.</param>
/// <param name="RawDurations">Frames per token before rounding, <c>[T]</c>.</param>
/// <param name="F0">Predicted pitch, <c>[2F]</c>.</param>
/// <param name="N">Predicted energy, <c>[2F]</c>.</param>
/// <param name="Audio"><c>[600 · F]</c> at 24 kHz with the official sizes.</param>
internal sealed record KokoroTrace(Tensor Durations, Tensor RawDurations, Tensor F0, Tensor N, Tensor Audio);
