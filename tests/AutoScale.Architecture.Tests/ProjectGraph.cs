using System.Xml.Linq;

namespace AutoScale.Architecture.Tests;

/// <summary>The projects under <c>src/</c> and their references, read from their project files.</summary>
public sealed class ProjectGraph(IReadOnlyDictionary<string, ProjectNode> projects)
{
    public IReadOnlyDictionary<string, ProjectNode> Projects { get; } = projects;

    public static ProjectGraph Load(string root) => new(Directory
        .EnumerateFiles(Path.Combine(root, "src"), "AutoScale.*.csproj", SearchOption.AllDirectories)
        .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Select(Read)
        .ToDictionary(p => p.Name, StringComparer.Ordinal));

    public static ProjectGraph Of(params ProjectNode[] projects) => new(projects.ToDictionary(p => p.Name, StringComparer.Ordinal));

    /// <summary>Every project reachable from <paramref name="name"/> through references, itself excluded.</summary>
    public IReadOnlySet<string> Closure(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>(Projects.TryGetValue(name, out var start) ? start.Projects : []);
        while (next.TryPop(out var project))
        {
            if (seen.Add(project) && Projects.TryGetValue(project, out var node))
            {
                foreach (var reference in node.Projects)
                {
                    next.Push(reference);
                }
            }
        }

        return seen;
    }

    /// <summary>The packages <paramref name="name"/> and every project it reaches reference.</summary>
    public IReadOnlySet<string> PackagesReached(string name) =>
        Closure(name).Append(name).Where(Projects.ContainsKey).SelectMany(p => Projects[p].Packages).ToHashSet(StringComparer.Ordinal);

    private static ProjectNode Read(string path)
    {
        var project = XDocument.Load(path);
        IEnumerable<string> Includes(string item) => project.Descendants(item).Select(e => (string?)e.Attribute("Include")).OfType<string>();
        return new ProjectNode(
            NameOf(path),
            Includes("ProjectReference").Select(NameOf).ToHashSet(StringComparer.Ordinal),
            Includes("PackageReference").ToHashSet(StringComparer.Ordinal));
    }

    private static string NameOf(string projectPath)
    {
        var file = Path.GetFileNameWithoutExtension(projectPath.Replace('\\', '/').Split('/')[^1]);
        return file.StartsWith("AutoScale.", StringComparison.Ordinal) ? file["AutoScale.".Length..] : file;
    }
}
