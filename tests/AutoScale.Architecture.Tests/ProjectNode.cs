namespace AutoScale.Architecture.Tests;

/// <summary>A product project (named without <c>AutoScale.</c>): the projects and packages its file references.</summary>
public sealed record ProjectNode(string Name, IReadOnlySet<string> Projects, IReadOnlySet<string> Packages);
