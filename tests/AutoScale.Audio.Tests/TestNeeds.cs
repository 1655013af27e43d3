using AutoScale.Testing.Audio;

namespace AutoScale.Audio.Tests;

/// <summary>
/// What a test needs from the machine: an encoder's library or program (by wire name: <c>mp3</c>, <c>flac</c>,
/// <c>aac</c>; <c>soxr</c> for the resampler) or a <see cref="ReferenceTool"/> by name. All of them come from
/// scripts/prerequisites.sh, so a test skips only where that script has not run; under ./test.sh none does.
/// </summary>
internal static class TestNeeds
{
    /// <summary>Why the test cannot run here, or null when everything it needs is installed.</summary>
    public static string? MissingReason(IEnumerable<string> needs) =>
        needs.Select(Reason).FirstOrDefault(reason => reason is not null);

    private static string? Reason(string need)
    {
        if (need == "soxr")
        {
            return AudioEncoders.IsAvailable(AudioFormat.Wav, resampling: true, out var reason) ? null : Missing(reason);
        }

        if (AudioFormat.TryParse(need, out var format))
        {
            return AudioEncoders.IsAvailable(format, resampling: false, out var reason) ? null : Missing(reason);
        }

        var tool = ReferenceTool.All.SingleOrDefault(tool => tool.Name == need)
            ?? throw new ArgumentOutOfRangeException(nameof(need), need, "Neither an encoder nor a reference tool.");
        return tool.Location is null ? tool.MissingReason : null;
    }

    private static string Missing(string reason) => $"{reason} ./test.sh installs it.";
}

/// <summary>A fact skipped, saying why, when something in <see cref="TestNeeds"/> it names is not installed.</summary>
public sealed class NeedsFactAttribute : FactAttribute
{
    public NeedsFactAttribute(params string[] needs)
    {
        Skip = TestNeeds.MissingReason(needs);
    }
}

/// <summary>A theory skipped, saying why, when something in <see cref="TestNeeds"/> it names is not installed.</summary>
public sealed class NeedsTheoryAttribute : TheoryAttribute
{
    public NeedsTheoryAttribute(params string[] needs)
    {
        Skip = TestNeeds.MissingReason(needs);
    }
}
