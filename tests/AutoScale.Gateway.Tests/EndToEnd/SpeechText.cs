using System.Text;

namespace AutoScale.Gateway.Tests.EndToEnd;

/// <summary>Readable English of a given length, made of varied sentences (so chunks are of varied length).</summary>
public static class SpeechText
{
    /// <summary>The varied sentences every test text is made of.</summary>
    internal static readonly string[] Sentences =
    [
        "The river ran quietly past the old mill, where nobody had worked for years.",
        "Dr. Reyes counted 3.5 kilometres of fence before the storm arrived.",
        "\"Are you sure?\" asked the child, looking up at the sky.",
        "Nobody answered.",
        "By noon the market was full of voices, bread and the smell of rain on stone.",
        "It was, as the mayor said later, the longest day of the year; nobody slept.",
        "Trains left every twenty minutes, but the last one never came.",
    ];

    public static string OfLength(int characters)
    {
        var text = new StringBuilder(characters + 100);
        for (var i = 0; text.Length < characters; i++)
        {
            text.Append(Sentences[i % Sentences.Length]).Append(i % 11 == 10 ? "\n\n" : " ");
        }

        return text.ToString(0, characters).TrimEnd() is var cut && cut.LastIndexOf('.') is > 0 and var end ? cut[..(end + 1)] : text.ToString();
    }
}
