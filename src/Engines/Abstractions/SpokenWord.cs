namespace AutoScale.Engines.Abstractions;

/// <summary>A word of the request's text and when it is spoken, in seconds from the start of the result's audio.</summary>
public sealed record SpokenWord(string Text, double Start, double End);
