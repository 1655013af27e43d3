namespace AutoScale.Engines.Kokoro.Tests.Phonemes;

/// <summary>A fact that needs eSpeak NG installed (and, if asked, <c>../shared/data</c>): skipped, saying so, without it.</summary>
public sealed class ESpeakFactAttribute : FactAttribute
{
    public ESpeakFactAttribute(bool needsSharedData = false) => Skip = ESpeakRequirement.SkipReason(needsSharedData);
}
