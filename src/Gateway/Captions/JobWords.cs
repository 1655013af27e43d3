using AutoScale.Grains.Jobs;

namespace AutoScale.Gateway.Captions;

/// <summary>
/// A job's words on its audio's timeline (pure): each finished chunk's words moved along by the length of the chunks
/// before it. Chunks finish out of order, so only the run of finished chunks from the first has known times; that run
/// is what a running job's captions show.
/// </summary>
public static class JobWords
{
    /// <summary>The words of the finished chunks from chunk 0 up to the first one not finished yet, and how many chunks that is.</summary>
    public static (IReadOnlyList<TimedWord> Words, int Chunks) Of(IReadOnlyList<FinishedChunk> finished)
    {
        var words = new List<TimedWord>();
        var offset = 0.0;
        var next = 0;
        foreach (var chunk in finished.OrderBy(c => c.Sequence))
        {
            if (chunk.Sequence != next)
            {
                break;
            }

            words.AddRange(chunk.Words.Select(w => new TimedWord(w.Text, offset + w.Start, offset + w.End, chunk.Sequence)));
            offset += chunk.Seconds;
            next++;
        }

        return (words, next);
    }

    /// <summary>Where each finished chunk starts in the job's audio, or null when an earlier chunk is not finished yet.</summary>
    public static IReadOnlyDictionary<int, double?> Starts(IReadOnlyList<FinishedChunk> finished)
    {
        var starts = new Dictionary<int, double?>();
        double? offset = 0;
        var next = 0;
        foreach (var chunk in finished.OrderBy(c => c.Sequence))
        {
            if (chunk.Sequence != next)
            {
                offset = null;
            }

            starts[chunk.Sequence] = offset;
            offset += chunk.Seconds;
            next = chunk.Sequence + 1;
        }

        return starts;
    }
}
