namespace AutoScale.Engines.Kokoro.Tests.Phonemes;

/// <summary>A theory that needs eSpeak NG installed (and, if asked, <c>../shared/data</c>): skipped, saying so, without it.</summary>
public sealed class ESpeakTheoryAttribute : TheoryAttribute
{
    public ESpeakTheoryAttribute(bool needsSharedData = false) => Skip = ESpeakRequirement.SkipReason(needsSharedData);
}
