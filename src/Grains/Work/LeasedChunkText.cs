namespace AutoScale.Grains.Work;

/// <summary>What a lease carries besides its key: the chunk's text and how to speak it.</summary>
public sealed record LeasedChunkText(Guid JobId, int Sequence, string Text, string Voice, double Speed);
