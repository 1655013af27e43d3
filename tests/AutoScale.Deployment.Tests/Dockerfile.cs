using System.Text.Json;
using System.Text.RegularExpressions;

namespace AutoScale.Deployment.Tests;

/// <summary>One instruction of a Dockerfile: its keyword in upper case and its arguments, continuation lines joined.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);

/// <summary>One <c>FROM</c> stage and its instructions.</summary>
public sealed record DockerStage(string BaseImage, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<string> Arguments(string keyword) =>
        Instructions.Where(instruction => instruction.Keyword == keyword).Select(instruction => instruction.Arguments);
}

/// <summary>The parts of a Dockerfile these tests read: stages, their instructions, the exec form of ENTRYPOINT/CMD.</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerStage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Final => Stages[^1];

    public static Dockerfile Read(string path)
    {
        var stages = new List<DockerStage>();
        List<DockerInstruction>? current = null;
        string? baseImage = null, name = null;
        foreach (var (keyword, arguments) in Instructions(File.ReadAllLines(path)))
        {
            if (keyword == "FROM")
            {
                if (current is not null)
                {
                    stages.Add(new DockerStage(baseImage!, name, current));
                }

                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                baseImage = words[0];
                name = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                current = [];
                continue;
            }

            (current ?? throw new FormatException($"{path}: {keyword} before FROM")).Add(new DockerInstruction(keyword, arguments));
        }

        stages.Add(new DockerStage(baseImage ?? throw new FormatException($"{path}: no FROM"), name, current!));
        return new Dockerfile(path, stages);
    }

    /// <summary>The words of an exec-form (JSON array) instruction such as <c>ENTRYPOINT ["dotnet", "/app/x.dll"]</c>.</summary>
    public static IReadOnlyList<string> ExecForm(string arguments) =>
        JsonSerializer.Deserialize<string[]>(arguments) ?? throw new FormatException($"not an exec form: {arguments}");

    private static IEnumerable<(string Keyword, string Arguments)> Instructions(IEnumerable<string> lines)
    {
        var pending = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1].TrimEnd() + " ";
                continue;
            }

            var whole = WhiteSpace().Replace(pending + line, " ");
            pending = "";
            var space = whole.IndexOf(' ');
            yield return (whole[..space].ToUpperInvariant(), whole[(space + 1)..]);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
