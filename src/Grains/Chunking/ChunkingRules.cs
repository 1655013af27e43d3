namespace AutoScale.Grains.Chunking;

/// <summary>
/// How a text is cut into chunks: chunks aim at <see cref="TargetCharacters"/> and are never longer than
/// <see cref="MaxCharacters"/> (both in UTF-16 code units, as <see cref="string.Length"/> counts them).
/// </summary>
/// <remarks>The properties have no setters, so a <c>with</c> expression cannot bypass the validation.</remarks>
public sealed record ChunkingRules(int TargetCharacters, int MaxCharacters)
{
    // Declared before TargetCharacters so its check runs first and a bad Max is reported as such.
    public int MaxCharacters { get; } = MaxCharacters >= 1
        ? MaxCharacters
        : throw new ArgumentOutOfRangeException(
            nameof(MaxCharacters), MaxCharacters, $"MaxCharacters must be at least 1; it was {MaxCharacters}.");

    public int TargetCharacters { get; } = TargetCharacters >= 1 && TargetCharacters <= MaxCharacters
        ? TargetCharacters
        : throw new ArgumentOutOfRangeException(
            nameof(TargetCharacters),
            TargetCharacters,
            $"TargetCharacters must be between 1 and MaxCharacters ({MaxCharacters}); it was {TargetCharacters}.");
}
