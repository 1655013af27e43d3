using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Model;

/// <summary>One item of <see cref="KokoroModel.SpeakBatch"/>.</summary>
/// <param name="Tokens">Phoneme ids with the 0 start and end tokens.</param>
/// <param name="Voice">The voice pack's row for this length, <c>[1, 2 · style_dim]</c> (acoustic style, then prosody style).</param>
/// <param name="Speed">Speaking rate: durations are divided by it.</param>
/// <param name="Seed">Seeds the harmonic source's random phases and noise, so the audio does not depend on the batch.</param>
public sealed record KokoroUtterance(long[] Tokens, Tensor Voice, double Speed = 1.0, long Seed = 0);
