using AutoScale.Testing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AutoScale.Deployment.Tests;

/// <summary>docker/compose.yaml as compose reads it: anchors resolved and merge keys (<c>&lt;&lt;</c>) applied.</summary>
public sealed class ComposeFile
{
    private readonly YamlMappingNode _services;

    private ComposeFile(YamlMappingNode services) => _services = services;

    public static ComposeFile Load()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryLayout.Root, "docker", "compose.yaml"));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return new ComposeFile((YamlMappingNode)root.Children[new YamlScalarNode("services")]);
    }

    public IReadOnlyList<string> ServiceNames => [.. _services.Children.Keys.Select(key => ((YamlScalarNode)key).Value!)];

    public YamlMappingNode Service(string name) => (YamlMappingNode)_services.Children[new YamlScalarNode(name)];

    /// <summary>A value at a path of mapping keys under a service (<c>environment</c>, <c>Orleans__SiloPort</c>), or null.</summary>
    public string? Value(string service, params string[] path)
    {
        YamlNode node = Service(service);
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            node = child;
        }

        return (node as YamlScalarNode)?.Value;
    }

    /// <summary>The items of a list under a service (<c>ports</c>, <c>volumes</c>); empty when it has none.</summary>
    public IReadOnlyList<string> Items(string service, string key) =>
        Service(service).Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode sequence
            ? [.. sequence.Children.OfType<YamlScalarNode>().Select(item => item.Value!)]
            : [];
}
