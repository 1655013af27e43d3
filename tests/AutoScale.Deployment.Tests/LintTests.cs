using System.Text.Json;
using AutoScale.Testing;

namespace AutoScale.Deployment.Tests;

/// <summary>The Dockerfiles, the workflows and docker/compose.yaml pass their linters.</summary>
public sealed class LintTests
{
    /// <summary>
    /// Every dockerfilelint category fails the test: "Possible Bug", "Deprecation" and "Clarity" are errors by name, and
    /// "Optimization" (apt caches left in layers, missing --no-install-recommends) is what keeps the images small.
    /// </summary>
    private static readonly string[] DockerfileErrorCategories = ["Possible Bug", "Deprecation", "Clarity", "Optimization"];

    public static Linter Tool(string name) => name switch
    {
        "dockerfilelint" => Linter.Dockerfilelint,
        "action-validator" => Linter.ActionValidator,
        "yamllint" => Linter.Yamllint,
        "haproxy" => Linter.Haproxy,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static TheoryData<string> Dockerfiles => [.. Files("docker", "*.Dockerfile")];

    public static TheoryData<string> Workflows => [.. Files(".github/workflows", "*.yml")];

    [LintTheory("dockerfilelint")]
    [MemberData(nameof(Dockerfiles))]
    public async Task Dockerfile_passes_dockerfilelint(string dockerfile)
    {
        var (_, output) = await Linter.Dockerfilelint.RunAsync("--json", dockerfile);

        using var report = JsonDocument.Parse(output);
        var errors = report.RootElement.GetProperty("files").EnumerateArray()
            .SelectMany(file => file.GetProperty("issues").EnumerateArray())
            .Where(issue => DockerfileErrorCategories.Contains(issue.GetProperty("category").GetString()))
            .Select(issue => $"line {issue.GetProperty("line")}: {issue.GetProperty("category")}: {issue.GetProperty("title")}")
            .ToArray();
        Assert.True(errors.Length == 0, $"{dockerfile}:\n{string.Join('\n', errors)}");
    }

    [LintTheory("action-validator")]
    [MemberData(nameof(Workflows))]
    public async Task Workflow_passes_action_validator(string workflow)
    {
        var (exitCode, output) = await Linter.ActionValidator.RunAsync(workflow);

        Assert.True(exitCode == 0, $"{workflow}:\n{output}");
    }

    [LintFact("yamllint")]
    public async Task Compose_file_and_workflows_pass_yamllint()
    {
        var (exitCode, output) = await Linter.Yamllint.RunAsync(
            "--strict", "--config-file", ".yamllint.yaml", "docker/compose.yaml", ".github/workflows");

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void There_are_three_dockerfiles_and_two_workflows_to_lint()
    {
        Assert.Equal(3, Dockerfiles.Count);
        Assert.Equal(2, Workflows.Count);
    }

    private static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, folder), pattern)
            .Select(path => Path.GetRelativePath(RepositoryLayout.Root, path))
            .Order(StringComparer.Ordinal);
}
