namespace AutoScale.Deployment.Tests;

/// <summary>
/// Follows a Dockerfile's final stage: what each <c>COPY --from=&lt;publishing stage&gt;</c> takes from a publish
/// output, and the file its <c>ENTRYPOINT</c>/<c>CMD</c> starts, mapped back to local folders.
/// </summary>
public static class ImagePaths
{
    /// <summary>The problems found: a COPY source missing from the publish output, or a start target no COPY provides.</summary>
    public static IReadOnlyList<string> Missing(Dockerfile dockerfile, Func<string, string, string> localOutput)
    {
        var publishing = PublishCommand.In(dockerfile).ToDictionary(command => command.Stage);
        var problems = new List<string>();
        var copied = new List<(string ImagePath, string LocalPath)>();
        var workdir = "/";
        foreach (var instruction in dockerfile.Final.Instructions)
        {
            if (instruction.Keyword == "WORKDIR")
            {
                workdir = Resolve(workdir, instruction.Arguments);
            }
            else if (instruction.Keyword == "COPY" && From(instruction.Arguments) is { } stage && publishing.TryGetValue(stage, out var publish))
            {
                var words = instruction.Arguments.Split(' ').Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToArray();
                var destination = Resolve(workdir, words[^1]);
                foreach (var source in words[..^1])
                {
                    var local = Local(source, publish.ImageOutput, localOutput(Path.GetFileName(dockerfile.Path), publish.ImageOutput));
                    if (local is null || !(File.Exists(local) || Directory.Exists(local)))
                    {
                        problems.Add($"COPY --from={stage} {source}: not in the output of dotnet {string.Join(' ', publish.Arguments)}");
                        continue;
                    }

                    copied.Add((Directory.Exists(local) ? destination : Path.Combine(destination, Path.GetFileName(local)), local));
                }
            }
        }

        foreach (var keyword in new[] { "ENTRYPOINT", "CMD" })
        {
            foreach (var arguments in dockerfile.Final.Arguments(keyword))
            {
                var words = Dockerfile.ExecForm(arguments);
                var target = Resolve(workdir, words[0] == "dotnet" ? words[1] : words[0]);
                var local = copied.Select(copy => Local(target, copy.ImagePath, copy.LocalPath)).FirstOrDefault(path => path is not null);
                if (local is null || !File.Exists(local))
                {
                    problems.Add($"{keyword} {arguments}: {target} is not copied from a publish output");
                }
            }
        }

        return problems;
    }

    private static string? From(string arguments) =>
        arguments.Split(' ').FirstOrDefault(word => word.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];

    private static string Resolve(string workdir, string path) =>
        Path.GetFullPath(path.StartsWith('/') ? path : Path.Combine(workdir, path));

    /// <summary>The local counterpart of <paramref name="imagePath"/> when it lies in the image folder <paramref name="imageFolder"/>.</summary>
    private static string? Local(string imagePath, string imageFolder, string localFolder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(imageFolder), Path.GetFullPath(imagePath));
        return relative.StartsWith("..", StringComparison.Ordinal) ? null : Path.GetFullPath(Path.Combine(localFolder, relative));
    }
}
