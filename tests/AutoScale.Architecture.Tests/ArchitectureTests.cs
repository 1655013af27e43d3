using AutoScale.Testing;

namespace AutoScale.Architecture.Tests;

/// <summary>The repository against docs/architecture.md, and the rules against graphs that break them.</summary>
public sealed class ArchitectureTests
{
    private static ArchitectureMap Map() => ArchitectureMap.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "architecture.md")));

    [Fact]
    public void Every_project_references_only_what_the_map_allows()
    {
        var map = Map();
        var graph = ProjectGraph.Load(RepositoryLayout.Root);

        Assert.True(graph.Projects.Count >= 14, $"only {graph.Projects.Count} projects were found under src/");
        Assert.Empty(ArchitectureRules.References(graph, map));
    }

    [Fact]
    public void Every_source_file_over_300_lines_has_its_reason_in_the_map()
    {
        var counts = new[] { "src", "tools" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .ToDictionary(path => Path.GetRelativePath(RepositoryLayout.Root, path).Replace('\\', '/'), path => File.ReadLines(path).Count());

        Assert.True(counts.Count > 100, $"only {counts.Count} source files were found");
        Assert.Empty(ArchitectureRules.LongFiles(counts, Map()));
    }

    [Fact]
    public void A_reference_the_map_forbids_is_reported_whether_direct_or_reached()
    {
        var map = ArchitectureMap.Parse("""
            | project | owns | may reference |
            |---|---|---|
            | `src/Interfaces` | contracts | – |
            | `src/Grains` | grains | Interfaces |
            | `src/Gateway` | http | Grains |
            | `src/Silo` | worker | Interfaces |
            | `src/Engines` | engines | – |
            | `src/Gone` | nothing | – |
            """);
        var graph = ProjectGraph.Of(
            new ProjectNode("Interfaces", new HashSet<string> { "Grains" }, new HashSet<string>()),
            new ProjectNode("Grains", new HashSet<string> { "Interfaces", "Engines" }, new HashSet<string> { "TorchSharp" }),
            new ProjectNode("Gateway", new HashSet<string> { "Grains" }, new HashSet<string>()),
            new ProjectNode("Silo", new HashSet<string> { "Interfaces" }, new HashSet<string>()),
            new ProjectNode("Engines", new HashSet<string>(), new HashSet<string>()),
            new ProjectNode("Unlisted", new HashSet<string>(), new HashSet<string>()));

        var broken = ArchitectureRules.References(graph, map);

        Assert.Contains("src/Grains references Engines, which the map does not allow it.", broken);
        Assert.Contains("src/Interfaces references Grains, which the map does not allow it.", broken);
        Assert.Contains(broken, b => b.StartsWith("src/Gateway reaches Engines", StringComparison.Ordinal));
        Assert.Contains(broken, b => b.StartsWith("the gateway reaches package TorchSharp", StringComparison.Ordinal));
        Assert.Contains(broken, b => b.StartsWith("src/Silo reaches Grains", StringComparison.Ordinal));
        Assert.Contains(broken, b => b.StartsWith("src/Interfaces references Grains: it must reference no project", StringComparison.Ordinal));
        Assert.Contains(broken, b => b.StartsWith("src/Unlisted is not in docs/architecture.md", StringComparison.Ordinal));
        Assert.Contains("docs/architecture.md names src/Gone, which does not exist.", broken);
    }

    [Fact]
    public void A_long_file_without_a_reason_is_reported_and_one_with_a_reason_is_not()
    {
        var map = ArchitectureMap.Parse("""
            ## Files over 300 lines, and why

            - `src/Big/Explained.cs` (~400): one data structure.
            """);
        var counts = new Dictionary<string, int> { ["src/Big/Explained.cs"] = 400, ["src/Big/Unexplained.cs"] = 301, ["src/Small.cs"] = 300 };

        var broken = ArchitectureRules.LongFiles(counts, map);

        Assert.Equal(["src/Big/Unexplained.cs has 301 lines: split it, or say why not in docs/architecture.md (\"Files over 300 lines\")."], broken);
    }
}
