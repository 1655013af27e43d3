namespace AutoScale.Gateway.Captions;

/// <summary>One caption: its lines of text and when it shows, in seconds.</summary>
public sealed record CaptionCue(double Start, double End, IReadOnlyList<string> Lines);
