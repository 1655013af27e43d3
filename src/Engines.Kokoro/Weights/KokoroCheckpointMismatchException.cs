namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>A checkpoint that does not fit the model exactly; the message names every key at fault.</summary>
public sealed class KokoroCheckpointMismatchException(
    IReadOnlyList<string> missingKeys,
    IReadOnlyList<string> unexpectedKeys,
    IReadOnlyList<string> shapeMismatches)
    : Exception(Describe(missingKeys, unexpectedKeys, shapeMismatches))
{
    public IReadOnlyList<string> MissingKeys { get; } = missingKeys;

    public IReadOnlyList<string> UnexpectedKeys { get; } = unexpectedKeys;

    /// <summary>One line per key: <c>name: checkpoint [a,b], model [c,d]</c>.</summary>
    public IReadOnlyList<string> ShapeMismatches { get; } = shapeMismatches;

    private static string Describe(IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> mismatched)
    {
        var sections = new List<string> { "The Kokoro checkpoint does not match the model." };
        if (missing.Count > 0)
        {
            sections.Add($"Missing from the checkpoint ({missing.Count}): {string.Join(", ", missing)}.");
        }

        if (unexpected.Count > 0)
        {
            sections.Add($"Not in the model ({unexpected.Count}): {string.Join(", ", unexpected)}.");
        }

        if (mismatched.Count > 0)
        {
            sections.Add($"Shape mismatches ({mismatched.Count}): {string.Join("; ", mismatched)}.");
        }

        return string.Join(" ", sections);
    }
}
