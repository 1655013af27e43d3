using System.Text;
using AutoScale.Engines.Kokoro.Phonemes;

namespace AutoScale.Engines.Kokoro.Tests.Phonemes;

public sealed class PhonemeChunkerTests
{
    private static readonly ESpeakPhonemizer _phonemizer = new();

    private static readonly string[] _sentences =
    [
        "The quick brown fox jumps over the lazy dog.",
        "Kokoro is a small text to speech model with eighty two million parameters.",
        "It was trained on permissive data, and it sounds natural at a modest cost.",
        "How long does a sentence take to say?",
        "Chunks near the limit sound rushed; shorter ones start sooner!",
        "Meanwhile, the gateway scales workers up and down as the queue grows.",
    ];

    /// <summary>Each character is a phoneme, so lengths are easy to reason about without eSpeak.</summary>
    private static PhonemeChunker Literal(int limit) =>
        new(text => ClauseSplitter.Split(text).Select(piece => piece.IsPunctuation ? piece : piece with { Phonemes = piece.Text }).ToList(), limit);

    [Fact]
    public void A_chunk_ends_at_the_last_sentence_end_that_fits_rather_than_a_later_comma()
    {
        var chunks = Literal(50).Split("One two three. Four five, six seven, eight nine ten eleven.");

        Assert.Equal(["One two three.", "Four five, six seven, eight nine ten eleven."], chunks.Select(chunk => chunk.Text));
    }

    [Fact]
    public void Without_a_sentence_end_a_chunk_ends_at_a_clause_rather_than_a_later_comma()
    {
        var chunks = Literal(16).Split("aaa, bbb; ccc, ddd eee");

        Assert.Equal(["aaa, bbb;", "ccc, ddd eee"], chunks.Select(chunk => chunk.Phonemes));
    }

    [Fact]
    public void Without_punctuation_a_chunk_ends_between_words()
    {
        const string Text = "aaa bbb ccc ddd eee fff ggg";

        var chunks = Literal(12).Split(Text);

        Assert.All(chunks, chunk => Assert.InRange(chunk.Phonemes.Length, 1, 12));
        Assert.Equal(Text, string.Join(' ', chunks.Select(chunk => chunk.Text)));
    }

    [Fact]
    public void A_closing_quote_stays_with_its_sentence()
    {
        var chunks = Literal(20).Split("He said \"go now.\" Then he left.");

        Assert.Equal("He said “go now.”", chunks[0].Phonemes);
    }

    [Fact]
    public void Lines_are_chunked_apart()
    {
        var chunks = Literal(510).Split("First line.\n\nSecond line.\r\nThird");

        Assert.Equal(["First line.", "Second line.", "Third"], chunks.Select(chunk => chunk.Text));
    }

    [Fact]
    public void A_word_longer_than_the_limit_is_cut_inside_it()
    {
        var chunks = Literal(10).Split(new string('x', 45));

        Assert.All(chunks, chunk => Assert.InRange(chunk.Phonemes.Length, 1, 10));
        Assert.Equal(new string('x', 45), string.Concat(chunks.Select(chunk => chunk.Phonemes)));
    }

    [ESpeakFact]
    public void A_long_text_gives_chunks_within_510_phonemes_cut_at_sentence_ends()
    {
        var text = LongText(4_000);
        var chunker = PhonemeChunker.ForLanguage(_phonemizer, "en-us");

        var chunks = chunker.Split(text);

        Assert.True(chunks.Count >= 3, $"{chunks.Count} chunks");
        Assert.All(chunks, chunk => Assert.InRange(chunk.Phonemes.Length, 1, PhonemeChunker.MaxPhonemes));
        Assert.All(chunks, chunk => Assert.Matches(@"[.?!]$", chunk.Text));
        Assert.All(chunks, chunk => Assert.Matches(@"[.?!]$", chunk.Phonemes));
        Assert.Equal(text, string.Join(' ', chunks.Select(chunk => chunk.Text)));
    }

    [ESpeakFact]
    public void Two_thousand_characters_without_punctuation_still_give_chunks_within_510_phonemes()
    {
        var words = new StringBuilder();
        while (words.Length < 2_000)
        {
            words.Append("seven hundred brown foxes jump over lazy dogs ");
        }

        var text = words.ToString().Trim();
        var chunks = PhonemeChunker.ForLanguage(_phonemizer, "en-us").Split(text);

        Assert.True(chunks.Count >= 3, $"{chunks.Count} chunks");
        Assert.All(chunks, chunk => Assert.InRange(chunk.Phonemes.Length, 1, PhonemeChunker.MaxPhonemes));
        Assert.Equal(text, string.Join(' ', chunks.Select(chunk => chunk.Text)));
    }

    [ESpeakFact]
    public void A_single_two_thousand_letter_word_still_gives_chunks_within_510_phonemes()
    {
        var word = string.Concat(Enumerable.Repeat("supercalifragilistic", 100));

        var chunks = PhonemeChunker.ForLanguage(_phonemizer, "en-gb").Split(word);

        Assert.True(chunks.Count >= 2, $"{chunks.Count} chunks");
        Assert.All(chunks, chunk => Assert.InRange(chunk.Phonemes.Length, 1, PhonemeChunker.MaxPhonemes));
        Assert.Equal(word, string.Concat(chunks.Select(chunk => chunk.Text)));
    }

    [Fact]
    public void A_limit_above_kokoros_context_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Literal(PhonemeChunker.MaxPhonemes + 1));
    }

    private static string LongText(int length)
    {
        var text = new StringBuilder();
        for (var index = 0; text.Length < length; index++)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(_sentences[index % _sentences.Length]);
        }

        return text.ToString();
    }
}
