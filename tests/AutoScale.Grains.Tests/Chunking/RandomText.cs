using System.Text;

namespace AutoScale.Grains.Tests.Chunking;

/// <summary>Seeded random texts mixing everything the chunker cuts by, and everything it must not cut.</summary>
internal static class RandomText
{
    private static readonly string[] _words =
        ["the", "quick", "Brown", "fox", "jumps", "over", "a", "lazy", "Dog", "I", "é", "naïve", "Café", "it's", "x"];

    private static readonly string[] _endings =
        [".", "!", "?", "?!", "...", "…", ",", ";", ":", ".\"", "?”", ".)", "!'", "。", ",\"", ")", "."];

    private static readonly string[] _specials =
    [
        "Dr.", "e.g.", "etc.", "U.S.", "J.", "No.", "3.14", "v1.2.3", "1,000,000", "—", "–", "(aside)", "\"quoted\"",
        "😀", "👨‍👩‍👧", "🇫🇷", "e\u0301", "👍🏽", "「你好。」他说。", "今天天气很好。我们去公园散步吧，好吗？",
    ];

    private static readonly string[] _separators = [" ", " ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", " \n \n", ""];

    /// <summary>A text of at least <paramref name="length"/> UTF-16 code units (a token longer at most).</summary>
    public static string Generate(Random random, int length)
    {
        var builder = new StringBuilder(length + 256);
        while (builder.Length < length)
        {
            AppendToken(random, builder);
            builder.Append(_separators[random.Next(_separators.Length)]);
        }

        return builder.ToString();
    }

    private static void AppendToken(Random random, StringBuilder builder)
    {
        var roll = random.Next(100);
        if (roll < 65)
        {
            builder.Append(_words[random.Next(_words.Length)]);
            if (random.Next(4) == 0)
            {
                builder.Append(_endings[random.Next(_endings.Length)]);
            }
        }
        else if (roll < 88)
        {
            builder.Append(_specials[random.Next(_specials.Length)]);
        }
        else if (roll < 93)
        {
            AppendRandomLetters(random, builder, random.Next(10, 160));
        }
        else if (roll < 96)
        {
            builder.Append("https://example.com/");
            AppendRandomLetters(random, builder, random.Next(5, 120));
            builder.Append("?q=1.2");
        }
        else
        {
            for (var i = random.Next(1, 12); i > 0; i--)
            {
                builder.Append(random.Next(3) == 0 ? "我们去公园散步吧，" : "今天天气很好。");
            }
        }
    }

    private static void AppendRandomLetters(Random random, StringBuilder builder, int count)
    {
        for (var i = 0; i < count; i++)
        {
            builder.Append(random.Next(20) == 0 ? "😀" : ((char)('a' + random.Next(26))).ToString());
        }
    }
}
