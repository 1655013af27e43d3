using AutoScale.Gateway.Captions;
using AutoScale.Grains.Jobs;
using AutoScale.Interfaces.Work;

namespace AutoScale.Gateway.Tests.Captions;

public sealed class CaptionCuesTests
{
    private static List<TimedWord> Words(string text, double secondsEach = 0.3, double gapAfter = 0)
    {
        var words = new List<TimedWord>();
        var time = 0.0;
        foreach (var word in text.Split(' '))
        {
            words.Add(new TimedWord(word, time, time + secondsEach, 0));
            time += secondsEach + gapAfter;
        }

        return words;
    }

    [Fact]
    public void Lines_hold_at_most_42_characters_and_cues_two_lines_and_no_word_is_split()
    {
        var text = string.Join(' ', Enumerable.Range(0, 60).Select(i => i % 7 == 0 ? "extraordinarily" : "word"));

        var cues = CaptionCues.Build(Words(text));

        Assert.All(cues, c => Assert.InRange(c.Lines.Count, 1, 2));
        Assert.All(cues.SelectMany(c => c.Lines), line => Assert.True(line.Length <= 42, $"'{line}' has {line.Length} characters"));
        Assert.Equal(text, string.Join(' ', cues.SelectMany(c => c.Lines)));
    }

    [Fact]
    public void A_sentence_end_or_a_tooLongpause_ends_a_cue()
    {
        var sentences = CaptionCues.Build(Words("Hi there. \"Who is it?\" she asked"));
        var pause = CaptionCues.Build([new TimedWord("before", 0, 0.5, 0), new TimedWord("after", 1.6, 2.0, 0)]);

        Assert.Equal(["Hi there.", "\"Who is it?\"", "she asked"], sentences.Select(c => string.Join(' ', c.Lines)));
        Assert.Equal(2, pause.Count);
    }

    [Fact]
    public void A_cue_shows_from_its_first_word_to_its_last_and_a_word_longer_than_a_line_gets_one_of_its_own()
    {
        var tooLong = new string('x', 50);

        var cues = CaptionCues.Build([new TimedWord("short", 1, 2, 0), new TimedWord(tooLong, 2, 3, 0), new TimedWord("end.", 3, 4, 0)]);

        Assert.Equal(2, cues.Count);
        Assert.Equal(["short", tooLong], cues[0].Lines);
        Assert.Equal((1.0, 3.0), (cues[0].Start, cues[0].End));
        Assert.Equal(["end."], cues[1].Lines);
    }

    [Fact]
    public void WebVtt_and_SubRip_number_their_cues_and_write_times_each_in_its_own_way()
    {
        CaptionCue[] cues = [new(0, 1.5, ["Hello world,", "again"]), new(3723.004, 3724.5, ["a --> b"])];

        Assert.Equal(
            "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\nHello world,\nagain\n\n2\n01:02:03.004 --> 01:02:04.500\na - -> b\n\n",
            CaptionFormat.WebVtt(cues));
        Assert.Equal(
            "1\n00:00:00,000 --> 00:00:01,500\nHello world,\nagain\n\n2\n01:02:03,004 --> 01:02:04,500\na - -> b\n\n",
            CaptionFormat.SubRip(cues));
    }

    [Fact]
    public void A_jobs_words_follow_its_chunks_in_order_and_stop_at_the_first_chunk_not_finished()
    {
        FinishedChunk Chunk(int sequence, long samples, params (string, double, double)[] words) =>
            new(sequence, "k", 1000, samples, [.. words.Select(w => new ChunkWord { Text = w.Item1, Start = w.Item2, End = w.Item3 })]);

        var finished = new[] { Chunk(0, 2000, ("a", 0, 1), ("b", 1, 2)), Chunk(1, 1500, ("c", 0, 1.5)), Chunk(3, 1000, ("e", 0, 1)) };

        var (words, chunks) = JobWords.Of(finished);
        var starts = JobWords.Starts(finished);

        Assert.Equal(2, chunks);
        Assert.Equal([("a", 0.0, 1.0, 0), ("b", 1.0, 2.0, 0), ("c", 2.0, 3.5, 1)], words.Select(w => (w.Word, w.Start, w.End, w.Chunk)));
        Assert.Equal(2.0, starts[1]);
        Assert.Null(starts[3]);
    }
}
