namespace AutoScale.Architecture.Tests;

/// <summary>
/// The map's rules over the project graph (pure; each broken rule a sentence):
/// <list type="number">
/// <item>every project is in the map and references only what its row allows; no row names a project that is not there;</item>
/// <item>nothing the gateway reaches is an engine, the worker, or a TorchSharp/libtorch package;</item>
/// <item>nothing the worker reaches is the gateway, the control plane's grains, the fleet or the migrations;</item>
/// <item>the contracts (<c>Interfaces</c>) and the scaling core's project (<c>Fleet</c>) reference no project;</item>
/// <item>every source file over <see cref="MaxLines"/> lines has a reason in the map.</item>
/// </list>
/// </summary>
public static class ArchitectureRules
{
    public const int MaxLines = 300;

    private static readonly string[] GatewayMayNotReach = ["Engines", "Engines.Kokoro", "Silo"];
    private static readonly string[] WorkerMayNotReach = ["Gateway", "Grains", "Fleet", "Migrations"];
    private static readonly string[] ReferenceNothing = ["Interfaces", "Fleet"];

    public static IReadOnlyList<string> References(ProjectGraph graph, ArchitectureMap map)
    {
        var broken = new List<string>();
        foreach (var project in graph.Projects.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (!map.MayReference.TryGetValue(project.Name, out var allowed))
            {
                broken.Add($"src/{project.Name} is not in docs/architecture.md's Projects table: add what it owns and may reference.");
                continue;
            }

            broken.AddRange(project.Projects.Except(allowed).Order(StringComparer.Ordinal)
                .Select(reference => $"src/{project.Name} references {reference}, which the map does not allow it."));
        }

        broken.AddRange(map.MayReference.Keys.Except(graph.Projects.Keys).Order(StringComparer.Ordinal)
            .Select(project => $"docs/architecture.md names src/{project}, which does not exist."));
        broken.AddRange(Reached(graph, "Gateway", GatewayMayNotReach, "the gateway never loads an engine"));
        broken.AddRange(graph.PackagesReached("Gateway")
            .Where(package => package.StartsWith("TorchSharp", StringComparison.Ordinal) || package.StartsWith("libtorch", StringComparison.Ordinal))
            .Select(package => $"the gateway reaches package {package}: the gateway never loads libtorch."));
        broken.AddRange(Reached(graph, "Silo", WorkerMayNotReach, "workers reference neither the gateway nor the control plane"));
        broken.AddRange(ReferenceNothing.Where(graph.Projects.ContainsKey).Where(p => graph.Projects[p].Projects.Count > 0)
            .Select(p => $"src/{p} references {string.Join(", ", graph.Projects[p].Projects)}: it must reference no project."));
        return broken;
    }

    /// <summary>Files (paths from the root, '/'-separated) over <see cref="MaxLines"/> lines the map gives no reason for.</summary>
    public static IReadOnlyList<string> LongFiles(IReadOnlyDictionary<string, int> lineCounts, ArchitectureMap map) =>
        [.. lineCounts.Where(file => file.Value > MaxLines && !map.LongFiles.Contains(file.Key))
            .OrderBy(file => file.Key, StringComparer.Ordinal)
            .Select(file => $"{file.Key} has {file.Value} lines: split it, or say why not in docs/architecture.md (\"Files over 300 lines\").")];

    private static IEnumerable<string> Reached(ProjectGraph graph, string from, string[] forbidden, string rule) =>
        graph.Closure(from).Intersect(forbidden).Order(StringComparer.Ordinal)
            .Select(project => $"src/{from} reaches {project}: {rule}.");
}
