namespace AutoScale.Testing;

/// <summary>Where the checkout and the built programs are, seen from a test assembly's output folder.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests were built in (Debug or Release); the programs are built alongside.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";

    /// <summary>The built entry assembly of a program under <c>src/</c>, e.g. <c>Program("Gateway")</c>.</summary>
    public static string Program(string project)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", $"AutoScale.{project}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not built; build AutoScale.sln in {Configuration} first.", path);
    }

    /// <summary><c>../shared</c> beside the checkout (CI has it; a user's clone may not).</summary>
    public static string? Shared =>
        Directory.Exists(Path.Combine(Root, "..", "shared")) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : null;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoScale.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AutoScale.sln above {AppContext.BaseDirectory}.");
    }
}
