namespace AutoScale.Grains.Work;

/// <summary>What a lease carries besides its key: the chunk's text, how to speak it, whose it is and its job's trace.</summary>
public sealed record LeasedChunkText(Guid JobId, int Sequence, string Text, string Voice, double Speed, Guid TenantId, string? TraceParent);
