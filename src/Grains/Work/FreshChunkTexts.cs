using AutoScale.Grains.Work.Scheduling;

namespace AutoScale.Grains.Work;

/// <summary>
/// The text of newly submitted chunks, kept until their first lease so a warm worker gets them without a database
/// read. Bounded by characters: past the budget, chunks are queued without text and read back when leased, so a deep
/// backlog costs no more memory than the budget.
/// </summary>
public sealed class FreshChunkTexts(int budgetCharacters)
{
    private readonly Dictionary<WorkItemKey, LeasedChunkText> _texts = [];
    // Per job: how many chunks it has (so its keys are known) and how many texts are still kept.
    private readonly Dictionary<Guid, (int Total, int Kept)> _chunksOfJob = [];

    public int Characters { get; private set; }

    public int Count => _texts.Count;

    /// <summary>Keeps the job's chunk texts if they fit in the budget, all or none.</summary>
    public void Add(Guid jobId, IReadOnlyList<LeasedChunkText> chunks)
    {
        var characters = chunks.Sum(c => c.Text.Length);
        if (chunks.Count == 0 || Characters + characters > budgetCharacters || _chunksOfJob.ContainsKey(jobId))
        {
            return;
        }

        foreach (var chunk in chunks)
        {
            _texts[new WorkItemKey(jobId, chunk.Sequence)] = chunk;
        }

        _chunksOfJob[jobId] = (chunks.Max(c => c.Sequence) + 1, chunks.Count);
        Characters += characters;
    }

    /// <summary>Hands out a chunk's text once: a retried chunk is read from its row, which holds the truth.</summary>
    public bool TryTake(WorkItemKey key, out LeasedChunkText text)
    {
        if (!_texts.Remove(key, out text!))
        {
            return false;
        }

        Characters -= text.Text.Length;
        var (total, kept) = _chunksOfJob[key.JobId];
        if (kept == 1)
        {
            _chunksOfJob.Remove(key.JobId);
        }
        else
        {
            _chunksOfJob[key.JobId] = (total, kept - 1);
        }

        return true;
    }

    /// <summary>Forgets a cancelled or failed job's texts.</summary>
    public void RemoveJob(Guid jobId)
    {
        if (!_chunksOfJob.Remove(jobId, out var chunks))
        {
            return;
        }

        for (var sequence = 0; sequence < chunks.Total; sequence++)
        {
            if (_texts.Remove(new WorkItemKey(jobId, sequence), out var text))
            {
                Characters -= text.Text.Length;
            }
        }
    }
}
