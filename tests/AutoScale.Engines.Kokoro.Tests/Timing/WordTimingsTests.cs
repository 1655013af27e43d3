using System.Text;
using AutoScale.Engines.Kokoro.Phonemes;
using AutoScale.Engines.Kokoro.Timing;

namespace AutoScale.Engines.Kokoro.Tests.Timing;

public sealed class WordTimingsTests
{
    private const double SecondsPerFrame = 0.025;

    private static PhonemePiece Words(string text, string phonemes, bool spaceBefore = true) =>
        new(text, phonemes, IsPunctuation: false, PhonemeBreak.None, spaceBefore);

    private static PhonemePiece Mark(string mark) => new(mark, mark, IsPunctuation: true, PhonemeBreak.Clause, SpaceBefore: false);

    private static bool AllTokens(Rune _) => true;

    [Fact]
    public void Each_word_spans_its_phonemes_frames_with_pauses_and_marks_going_to_the_word_before()
    {
        // "ab cd, efg" joined: a b ␠ c d , ␠ e f g — start token 2 frames, end token 3.
        PhonemePiece[] pieces = [Words("Hello world", "ab cd", spaceBefore: false), Mark(","), Words("again", "efg")];
        long[] durations = [2, 1, 1, 4, 2, 2, 5, 6, 1, 1, 1, 3];

        var words = WordTimings.Of(pieces, durations, AllTokens, SecondsPerFrame);

        Assert.Equal(["Hello", "world,", "again"], words.Select(w => w.Text));
        Assert.Equal([0, 8 * SecondsPerFrame, 23 * SecondsPerFrame], words.Select(w => w.Start));
        Assert.Equal([8 * SecondsPerFrame, 23 * SecondsPerFrame, 29 * SecondsPerFrame], words.Select(w => w.End));
    }

    [Fact]
    public void A_phoneme_without_a_token_takes_no_time()
    {
        PhonemePiece[] pieces = [Words("one two", "aX b", spaceBefore: false)];
        long[] durations = [1, 2, 3, 4, 5]; // a, ␠, b: X was dropped

        var words = WordTimings.Of(pieces, durations, r => r.Value != 'X', SecondsPerFrame);

        Assert.Equal([0, 6 * SecondsPerFrame], words.Select(w => w.Start));
        Assert.Equal(15 * SecondsPerFrame, words[^1].End);
    }

    [Fact]
    public void When_espeak_reads_a_run_as_another_number_of_words_the_run_is_shared_by_their_lengths()
    {
        // "3.50 dollars": eSpeak says three words for the first.
        PhonemePiece[] pieces = [Words("3.50 dollars", "aa bb cc dddd", spaceBefore: false)];
        long[] durations = [0, .. Enumerable.Repeat(1L, 13), 0];

        var words = WordTimings.Of(pieces, durations, AllTokens, SecondsPerFrame);

        Assert.Equal(["3.50", "dollars"], words.Select(w => w.Text));
        // 4 of 11 characters: the first word gets the first 4/11 of the 13 phonemes.
        Assert.Equal(4 * SecondsPerFrame, words[1].Start);
        Assert.Equal(13 * SecondsPerFrame, words[1].End);
    }

    [Fact]
    public void Durations_that_do_not_match_the_phonemes_give_no_words()
    {
        Assert.Empty(WordTimings.Of([Words("hi", "ab", spaceBefore: false)], [1, 1, 1, 1, 1], AllTokens, SecondsPerFrame));
        Assert.Empty(WordTimings.Of([Words("hi", "ab", spaceBefore: false)], [1, 1], AllTokens, SecondsPerFrame));
    }
}
