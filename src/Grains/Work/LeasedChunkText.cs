using AutoScale.Grains.Work.Scheduling;
using AutoScale.Interfaces.Work;

namespace AutoScale.Grains.Work;

/// <summary>What a lease carries besides its key: the chunk's text, how to speak it, whose it is and its job's trace.</summary>
public sealed record LeasedChunkText(Guid JobId, int Sequence, string Text, string Voice, double Speed, Guid TenantId, string? TraceParent)
{
    /// <summary>What the worker holding <paramref name="lease"/> is handed.</summary>
    public ChunkLease HandedOutAs(WorkLease lease) => new()
    {
        LeaseId = lease.LeaseId,
        JobId = JobId,
        Sequence = Sequence,
        Text = Text,
        Voice = Voice,
        Speed = Speed,
        Attempt = lease.Item.Attempt,
        ExpiresAt = lease.ExpiresAt,
        TenantId = TenantId,
        TraceParent = TraceParent,
    };
}
