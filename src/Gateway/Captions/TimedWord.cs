namespace AutoScale.Gateway.Captions;

/// <summary>A word of a job's text and when it is spoken in the job's audio, in seconds; <paramref name="Chunk"/> is the chunk it came from.</summary>
public sealed record TimedWord(string Word, double Start, double End, int Chunk);
