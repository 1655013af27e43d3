namespace AutoScale.Grains.Catalogue;

/// <summary>The voice a request gets, or why it cannot have the one it named.</summary>
public sealed record VoiceChoice(string? Voice, string? Error)
{
    public static VoiceChoice Of(string voice) => new(voice, null);

    public static VoiceChoice Refused(string error) => new(null, error);
}
