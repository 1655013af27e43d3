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
    public void Every_test_is_named_as_a_sentence_with_underscores()
    {
        var tests = Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(path => TestMethodNames.In(File.ReadAllText(path))
                .Select(test => (test.Name, Where: $"{Path.GetRelativePath(RepositoryLayout.Root, path)}:{test.Line}")))
            .ToList();

        Assert.True(tests.Count > 500, $"only {tests.Count} tests were found under tests/");
        Assert.Empty(tests.Where(test => !TestMethodNames.IsSentence(test.Name)).Select(test => $"{test.Where} {test.Name}"));
    }

    [Fact]
    public void Test_methods_are_found_under_any_fact_or_theory_attribute_and_only_there()
    {
        // Spliced in, so that this file itself holds no PascalCase test for the scan above to find.
        const string pascal = "ASharedDataFactInPascalCase";
        var source = $$"""
            public sealed class Examples
            {
                [Fact]
                public void A_plain_fact() { }

                [SharedDataFact("a.json")]
                [Trait("kind", "slow")]
                public async Task {{pascal}}() { }

                [Theory]
                [InlineData(1)]
                public void A_theory(int value) { }

                public void NotATest() { }

                private static int Helper() => 1;
            }
            """;

        var found = TestMethodNames.In(source).ToList();

        Assert.Equal(["A_plain_fact", pascal, "A_theory"], found.Select(test => test.Name));
        Assert.Equal(4, found[0].Line);
        Assert.False(TestMethodNames.IsSentence(pascal));
        Assert.True(TestMethodNames.IsSentence("HF_TOKEN_wins_over_the_token_files"));
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
