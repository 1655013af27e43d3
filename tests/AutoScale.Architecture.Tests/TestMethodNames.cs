using System.Text.RegularExpressions;

namespace AutoScale.Architecture.Tests;

/// <summary>
/// The test methods declared in C# source (a method after a <c>[...Fact]</c> or <c>[...Theory]</c> attribute, other
/// attributes between allowed), and the one casing they are held to: a sentence, its words joined by underscores.
/// </summary>
public static partial class TestMethodNames
{
    /// <summary>The test methods of one source file, as (name, line).</summary>
    public static IEnumerable<(string Name, int Line)> In(string source)
    {
        var lines = source.Split('\n');
        var underTestAttribute = false;
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].Trim();
            if (TestAttribute().IsMatch(line))
            {
                underTestAttribute = true;
            }
            else if (underTestAttribute && Method().Match(line) is { Success: true } method)
            {
                underTestAttribute = false;
                yield return (method.Groups["name"].Value, index + 1);
            }
            else if (!line.StartsWith('[') && !line.StartsWith("//", StringComparison.Ordinal))
            {
                underTestAttribute = false;
            }
        }
    }

    /// <summary>A sentence has at least two words, joined by underscores; a PascalCase run of words is not one.</summary>
    public static bool IsSentence(string name) => name.Contains('_', StringComparison.Ordinal) && !name.StartsWith('_') && !name.EndsWith('_');

    [GeneratedRegex(@"^\[(\w+\.)*\w*(Fact|Theory)(Attribute)?(\(.*\))?\]$")]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"^public\s+(async\s+)?(Task|ValueTask|void)\s+(?<name>\w+)\s*\(")]
    private static partial Regex Method();
}
