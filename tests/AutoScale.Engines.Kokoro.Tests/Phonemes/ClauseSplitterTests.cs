using AutoScale.Engines.Kokoro.Phonemes;

namespace AutoScale.Engines.Kokoro.Tests.Phonemes;

public sealed class ClauseSplitterTests
{
    [Fact]
    public void Punctuation_becomes_its_own_pieces_between_word_runs_with_the_source_spacing()
    {
        var pieces = ClauseSplitter.Split("Hello world, this is (really) Kokoro. How are you?");

        Assert.Equal(
            ["Hello world", ",", "this is", "(", "really", ")", "Kokoro", ".", "How are you", "?"],
            pieces.Select(piece => piece.Text));
        Assert.Equal(
            [false, false, true, true, false, false, true, false, true, false],
            pieces.Select(piece => piece.SpaceBefore));
        Assert.Equal(
            [PhonemeBreak.Comma, PhonemeBreak.Sentence, PhonemeBreak.Sentence],
            pieces.Where(piece => piece.Break != PhonemeBreak.None).Select(piece => piece.Break));
    }

    [Fact]
    public void Numbers_times_and_hyphenated_words_stay_with_the_words_for_espeak()
    {
        var pieces = ClauseSplitter.Split("It cost 3.50 for 1,000 well-known items at 10:30");

        var words = Assert.Single(pieces);
        Assert.False(words.IsPunctuation);
        Assert.Equal("It cost 3.50 for 1,000 well-known items at 10:30", words.Text);
    }

    [Fact]
    public void Straight_quotes_become_curly_and_spaced_hyphens_become_dashes()
    {
        var pieces = ClauseSplitter.Split("He said \"go.\" Then - or -- later");

        Assert.Equal(
            ["\u201C", ".", "\u201D", "\u2014", "\u2014"],
            pieces.Where(piece => piece.IsPunctuation).Select(piece => piece.Phonemes));
    }

    [Fact]
    public void A_closing_quote_after_a_full_stop_ends_the_sentence_too()
    {
        var pieces = ClauseSplitter.Split("He said \u201Cgo.\u201D Then left.");

        var closing = pieces.Single(piece => piece.Phonemes == "\u201D");
        Assert.Equal(PhonemeBreak.Sentence, closing.Break);
    }

    [Fact]
    public void Abbreviations_and_a_full_stop_before_a_lower_case_word_do_not_end_a_sentence()
    {
        var pieces = ClauseSplitter.Split("The U.S. Army met Mr. Smith, e.g. at home. Then left.");

        Assert.Equal(["The U.S. Army met Mr. Smith", ",", "e.g. at home", ".", "Then left", "."], pieces.Select(piece => piece.Text));
    }

    [Fact]
    public void Every_dot_of_three_is_kept()
    {
        var pieces = ClauseSplitter.Split("Wait... what");

        Assert.Equal(["Wait", ".", ".", ".", "what"], pieces.Select(piece => piece.Text));
    }
}
