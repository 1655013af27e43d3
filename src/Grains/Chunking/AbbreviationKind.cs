namespace AutoScale.Grains.Chunking;

/// <summary>Whether a known abbreviation's period can also end the sentence.</summary>
internal enum AbbreviationKind
{
    /// <summary>Attaches to what follows (<c>Dr. Smith</c>, <c>U.S. Army</c>): its period never ends a sentence.</summary>
    NeverEndsSentence,

    /// <summary>
    /// Often the last word of a sentence (<c>…, pears, etc. Then</c>): its period ends the sentence only when the next
    /// word starts with a capital letter.
    /// </summary>
    EndsSentenceBeforeCapital,
}
