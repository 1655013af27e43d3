using System.Collections.Frozen;

namespace AutoScale.Grains.Chunking;

/// <summary>Abbreviations whose period is not (necessarily) a sentence end, matched case-insensitively.</summary>
internal static class Abbreviations
{
    /// <summary>Longer tokens are never looked up, which bounds the scan back from a period.</summary>
    public const int MaxLength = 8;

    // Keys are written without their final period; inner periods stay ("e.g", "u.s").
    private static readonly FrozenDictionary<string, AbbreviationKind> _kinds = new Dictionary<string, AbbreviationKind>
    {
        ["mr"] = AbbreviationKind.NeverEndsSentence,
        ["mrs"] = AbbreviationKind.NeverEndsSentence,
        ["ms"] = AbbreviationKind.NeverEndsSentence,
        ["dr"] = AbbreviationKind.NeverEndsSentence,
        ["prof"] = AbbreviationKind.NeverEndsSentence,
        ["st"] = AbbreviationKind.NeverEndsSentence,
        ["mt"] = AbbreviationKind.NeverEndsSentence,
        ["vs"] = AbbreviationKind.NeverEndsSentence,
        ["e.g"] = AbbreviationKind.NeverEndsSentence,
        ["i.e"] = AbbreviationKind.NeverEndsSentence,
        ["u.s"] = AbbreviationKind.NeverEndsSentence,
        ["u.k"] = AbbreviationKind.NeverEndsSentence,
        ["fig"] = AbbreviationKind.NeverEndsSentence,
        ["approx"] = AbbreviationKind.NeverEndsSentence,
        ["etc"] = AbbreviationKind.EndsSentenceBeforeCapital,
        ["inc"] = AbbreviationKind.EndsSentenceBeforeCapital,
        ["ltd"] = AbbreviationKind.EndsSentenceBeforeCapital,
        ["co"] = AbbreviationKind.EndsSentenceBeforeCapital,
        ["sr"] = AbbreviationKind.EndsSentenceBeforeCapital,
        ["jr"] = AbbreviationKind.EndsSentenceBeforeCapital,
        ["a.m"] = AbbreviationKind.EndsSentenceBeforeCapital,
        ["p.m"] = AbbreviationKind.EndsSentenceBeforeCapital,
        ["no"] = AbbreviationKind.EndsSentenceBeforeCapital,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, AbbreviationKind>.AlternateLookup<ReadOnlySpan<char>> _bySpan =
        _kinds.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every known abbreviation (without its final period) and its kind.</summary>
    public static IReadOnlyDictionary<string, AbbreviationKind> All => _kinds;

    /// <summary>Looks up <paramref name="token"/>, the word before a period, without allocating.</summary>
    public static bool TryGetKind(ReadOnlySpan<char> token, out AbbreviationKind kind) =>
        _bySpan.TryGetValue(token, out kind);
}
