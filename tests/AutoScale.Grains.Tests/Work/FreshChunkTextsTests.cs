using AutoScale.Grains.Work;
using AutoScale.Grains.Work.Scheduling;

namespace AutoScale.Grains.Tests.Work;

public sealed class FreshChunkTextsTests
{
    private static List<LeasedChunkText> Chunks(Guid jobId, params string[] texts) =>
        [.. texts.Select((text, sequence) => new LeasedChunkText(jobId, sequence, text, "en-us", 1.0, Guid.Empty, null))];

    [Fact]
    public void A_chunks_text_is_handed_out_once_then_read_from_its_row()
    {
        var texts = new FreshChunkTexts(100);
        var job = Guid.NewGuid();
        texts.Add(job, Chunks(job, "One.", "Two."));

        Assert.True(texts.TryTake(new WorkItemKey(job, 1), out var second));
        Assert.Equal("Two.", second.Text);
        Assert.False(texts.TryTake(new WorkItemKey(job, 1), out _));
        Assert.Equal(4, texts.Characters);
    }

    [Fact]
    public void A_job_that_would_pass_the_budget_is_not_kept_at_all()
    {
        var texts = new FreshChunkTexts(10);
        var small = Guid.NewGuid();
        var large = Guid.NewGuid();
        texts.Add(small, Chunks(small, "12345"));
        texts.Add(large, Chunks(large, "123", "456"));

        Assert.Equal(5, texts.Characters);
        Assert.False(texts.TryTake(new WorkItemKey(large, 0), out _));
        Assert.True(texts.TryTake(new WorkItemKey(small, 0), out _));
        Assert.Equal(0, texts.Characters);
    }

    [Fact]
    public void Removing_a_job_frees_its_budget_and_leaves_others()
    {
        var texts = new FreshChunkTexts(100);
        var cancelled = Guid.NewGuid();
        var other = Guid.NewGuid();
        texts.Add(cancelled, Chunks(cancelled, "aa", "bb", "cc"));
        texts.Add(other, Chunks(other, "dd"));
        Assert.True(texts.TryTake(new WorkItemKey(cancelled, 1), out _));

        texts.RemoveJob(cancelled);

        Assert.Equal(1, texts.Count);
        Assert.Equal(2, texts.Characters);
        Assert.False(texts.TryTake(new WorkItemKey(cancelled, 2), out _));
        Assert.True(texts.TryTake(new WorkItemKey(other, 0), out _));
    }
}
