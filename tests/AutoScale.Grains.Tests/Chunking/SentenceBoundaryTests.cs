using AutoScale.Grains.Chunking;

namespace AutoScale.Grains.Tests.Chunking;

/// <summary>Where sentences end, and how whole sentences are packed into chunks.</summary>
public sealed class SentenceBoundaryTests
{
    // With a target of one character every sentence is a chunk of its own, so the chunks show the sentences.
    private static string[] Sentences(string text) => ChunkInvariants.SplitChecked(text, 1, 1_000);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n \r\n\u00A0")]
    public void Empty_or_whitespace_text_gives_no_chunks(string text)
    {
        Assert.Empty(TextChunker.Split(text, new ChunkingRules(10, 20)));
    }

    [Fact]
    public void A_short_text_is_one_chunk_without_the_whitespace_around_it()
    {
        Assert.Equal(["Hello there, world. Bye."], ChunkInvariants.SplitChecked("  \n Hello there, world. Bye.\t\n", 100, 200));
    }

    [Theory]
    [InlineData(29, "One two three. Four five six.", "Seven eight nine. Ten.")]
    [InlineData(28, "One two three.", "Four five six.", "Seven eight nine. Ten.")]
    public void Whole_sentences_are_packed_until_the_next_would_pass_target(int target, params string[] expected)
    {
        Assert.Equal(expected, ChunkInvariants.SplitChecked("One two three. Four five six. Seven eight nine. Ten.", target, 100));
    }

    [Fact]
    public void A_sentence_longer_than_target_is_a_chunk_of_its_own()
    {
        Assert.Equal(
            ["Hi.", "This sentence is long.", "Ok."],
            ChunkInvariants.SplitChecked("Hi. This sentence is long. Ok.", 10, 50));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("!")]
    [InlineData("?")]
    [InlineData("…")]
    [InlineData("?!")]
    [InlineData("!!!")]
    [InlineData("...")]
    [InlineData("。")]
    [InlineData("！")]
    [InlineData("？")]
    public void Each_terminator_ends_a_sentence(string terminator)
    {
        Assert.Equal(
            [$"Alpha beta{terminator}", $"Gamma delta{terminator}", "Epsilon"],
            Sentences($"Alpha beta{terminator} Gamma delta{terminator} Epsilon"));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("'")]
    [InlineData("”")]
    [InlineData("’")]
    [InlineData("»")]
    [InlineData(")")]
    [InlineData("]")]
    [InlineData("\")")]
    public void Closing_quotes_and_brackets_stay_with_their_sentence(string closer)
    {
        Assert.Equal([$"It is over.{closer}", "Then we left."], Sentences($"It is over.{closer} Then we left."));
    }

    [Fact]
    public void Decimal_and_version_numbers_do_not_end_a_sentence()
    {
        Assert.Equal(
            ["Pi is 3.14 and v1.2.3 is out.", "See example.com/a.b now."],
            Sentences("Pi is 3.14 and v1.2.3 is out. See example.com/a.b now."));
    }

    [Theory]
    [InlineData("\n\n")]
    [InlineData("\r\n\r\n")]
    [InlineData("\n \t\n")]
    [InlineData("\u2029")]
    public void A_blank_line_ends_a_sentence(string separator)
    {
        Assert.Equal(["A heading", "The body"], Sentences($"A heading{separator}The body"));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void A_single_line_break_does_not_end_a_sentence(string separator)
    {
        Assert.Equal([$"first line{separator}second line"], Sentences($"first line{separator}second line"));
    }

    [Theory]
    [InlineData("Mr.")]
    [InlineData("Mrs.")]
    [InlineData("Ms.")]
    [InlineData("Dr.")]
    [InlineData("Prof.")]
    [InlineData("St.")]
    [InlineData("Mt.")]
    [InlineData("vs.")]
    [InlineData("e.g.")]
    [InlineData("i.e.")]
    [InlineData("U.S.")]
    [InlineData("U.K.")]
    [InlineData("Fig.")]
    [InlineData("approx.")]
    [InlineData("DR.")]
    [InlineData("E.G.")]
    [InlineData("Ph.D.")]
    [InlineData("U.S.A.")]
    public void Abbreviations_do_not_end_a_sentence_even_before_a_capital(string abbreviation)
    {
        Assert.Equal(
            [$"We met {abbreviation} Smith there.", "Then we left."],
            Sentences($"We met {abbreviation} Smith there. Then we left."));
    }

    [Theory]
    [InlineData("etc.")]
    [InlineData("Inc.")]
    [InlineData("Ltd.")]
    [InlineData("Co.")]
    [InlineData("Jr.")]
    [InlineData("Sr.")]
    [InlineData("a.m.")]
    [InlineData("p.m.")]
    [InlineData("No.")]
    [InlineData("ETC.")]
    public void Abbreviations_that_can_end_a_sentence_do_not_before_a_lowercase_word_or_a_number(string abbreviation)
    {
        Assert.Equal(
            [$"We saw {abbreviation} and more.", $"We saw {abbreviation} 5 times.", "Then we left."],
            Sentences($"We saw {abbreviation} and more. We saw {abbreviation} 5 times. Then we left."));
    }

    [Theory]
    [InlineData("etc.")]
    [InlineData("Inc.")]
    [InlineData("p.m.")]
    [InlineData("No.")]
    public void Abbreviations_that_can_end_a_sentence_do_before_a_capital(string abbreviation)
    {
        Assert.Equal(
            [$"We bought pens, cups, {abbreviation}", "Then we left."],
            Sentences($"We bought pens, cups, {abbreviation} Then we left."));
    }

    [Fact]
    public void Every_listed_abbreviation_is_recognised_in_any_case()
    {
        Assert.NotEmpty(Abbreviations.All);
        foreach (var abbreviation in Abbreviations.All.Keys)
        {
            foreach (var spelling in new[] { abbreviation, abbreviation.ToUpperInvariant() })
            {
                Assert.Equal(
                    [$"It was {spelling}. by far.", "Then we left."],
                    Sentences($"It was {spelling}. by far. Then we left."));
            }
        }
    }

    [Fact]
    public void Initials_do_not_end_a_sentence()
    {
        Assert.Equal(
            ["J. R. R. Tolkien wrote it.", "Then he rested."],
            Sentences("J. R. R. Tolkien wrote it. Then he rested."));
    }

    [Theory]
    [InlineData("...")]
    [InlineData("…")]
    public void An_ellipsis_before_a_lowercase_word_does_not_end_a_sentence(string ellipsis)
    {
        Assert.Equal(
            [$"Well{ellipsis} maybe later.", $"Wait{ellipsis}", "Then go."],
            Sentences($"Well{ellipsis} maybe later. Wait{ellipsis} Then go."));
    }

    [Fact]
    public void A_quoted_sentence_before_a_lowercase_word_does_not_end_the_sentence()
    {
        Assert.Equal(
            ["\"Is it done?\" she asked.", "It was not!"],
            Sentences("\"Is it done?\" she asked. It was not!"));
    }

    [Fact]
    public void A_period_after_an_ordinary_word_ends_the_sentence_even_before_a_lowercase_word()
    {
        Assert.Equal(["it works.", "then it stops."], Sentences("it works. then it stops."));
    }

    [Fact]
    public void A_blank_line_ends_a_sentence_even_after_an_abbreviation()
    {
        Assert.Equal(["Ask Dr.", "Smith"], Sentences("Ask Dr.\n\nSmith"));
    }
}
