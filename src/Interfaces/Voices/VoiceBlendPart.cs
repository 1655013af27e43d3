namespace AutoScale.Interfaces.Voices;

/// <summary>One voice of a <see cref="VoiceBlend"/> and its share of the mix (the shares of a blend sum to 1).</summary>
public sealed record VoiceBlendPart(string Voice, double Share);
