using System.Text.RegularExpressions;

namespace AutoScale.Architecture.Tests;

/// <summary>
/// What <c>docs/architecture.md</c> says: the "Projects" table (each <c>src/</c> project and the projects it may
/// reference) and the files over 300 lines it gives a reason for.
/// </summary>
public sealed partial class ArchitectureMap(IReadOnlyDictionary<string, IReadOnlySet<string>> mayReference, IReadOnlySet<string> longFiles)
{
    public IReadOnlyDictionary<string, IReadOnlySet<string>> MayReference { get; } = mayReference;

    public IReadOnlySet<string> LongFiles { get; } = longFiles;

    public static ArchitectureMap Parse(string markdown)
    {
        var mayReference = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (Match row in ProjectRow().Matches(markdown))
        {
            var allowed = row.Groups["allowed"].Value.Trim();
            mayReference[row.Groups["project"].Value] = allowed is "–" or "-" or ""
                ? new HashSet<string>()
                : allowed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        }

        var section = markdown.Split("## Files over 300 lines", 2) is [_, var rest] ? rest : "";
        var longFiles = LongFileLine().Matches(section).Select(m => m.Groups["path"].Value).ToHashSet(StringComparer.Ordinal);
        return new ArchitectureMap(mayReference, longFiles);
    }

    // "| `src/Grains` | owns … | Interfaces, Hosting |"
    [GeneratedRegex(@"^\| `src/(?<project>[A-Za-z.]+)` \|[^\n]*\| (?<allowed>[^|\n]*) \|\s*$", RegexOptions.Multiline)]
    private static partial Regex ProjectRow();

    // "- `src/Grains/Work/Scheduling/FairWorkQueue.cs` (~360): why…"
    [GeneratedRegex(@"^- `(?<path>[^`]+\.cs)`", RegexOptions.Multiline)]
    private static partial Regex LongFileLine();
}
