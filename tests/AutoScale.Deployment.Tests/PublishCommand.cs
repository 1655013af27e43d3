namespace AutoScale.Deployment.Tests;

/// <summary>
/// A <c>RUN dotnet publish …</c> line of a Dockerfile's build stage: the words after <c>dotnet</c>, and the folder its
/// <c>-o</c> names inside the image.
/// </summary>
public sealed record PublishCommand(string Stage, IReadOnlyList<string> Arguments, string ImageOutput)
{
    public static IReadOnlyList<PublishCommand> In(Dockerfile dockerfile) =>
        [.. dockerfile.Stages.SelectMany(stage => stage.Arguments("RUN")
            .Where(run => run.StartsWith("dotnet publish ", StringComparison.Ordinal))
            .Select(run => Parse(stage.Name ?? throw new FormatException($"{dockerfile.Path}: the publishing stage has no name"), run)))];

    /// <summary>The same words with the output folder swapped for <paramref name="output"/>.</summary>
    public IReadOnlyList<string> WithOutput(string output) =>
        [.. Arguments.Select((word, index) => index > 0 && Arguments[index - 1] == "-o" ? output : word)];

    private static PublishCommand Parse(string stage, string run)
    {
        if (run.IndexOfAny(['&', '|', ';', '"', '\'', '$']) >= 0)
        {
            throw new FormatException($"'{run}' is more than one plain dotnet publish command; the test could not repeat it exactly.");
        }

        var words = run.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        var output = Array.IndexOf(words, "-o");
        return output < 0 || output == words.Length - 1
            ? throw new FormatException($"'{run}' has no -o <folder>.")
            : new PublishCommand(stage, words, words[output + 1]);
    }
}
