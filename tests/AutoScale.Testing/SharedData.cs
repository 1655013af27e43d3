namespace AutoScale.Testing;

/// <summary>
/// The files in <c>../shared/data</c> beside the checkout: RunPod's specs, Kokoro's config, a real voice file. CI has
/// them; a user's clone may not, and a test that needs one is then skipped, saying which file it looked for.
/// </summary>
public static class SharedData
{
    public static string? Folder => RepositoryLayout.Shared is { } shared ? Path.Combine(shared, "data") : null;

    /// <summary>The file's full path, or null where it is not there.</summary>
    public static string? Find(string file) =>
        Folder is { } folder && Path.Combine(folder, file) is var path && Path.Exists(path) ? path : null;

    /// <summary>The full path of a file the test's <see cref="SharedDataFactAttribute"/> has made sure of.</summary>
    public static string PathOf(string file) =>
        Find(file) ?? throw new FileNotFoundException(SkipReason(file), file);

    /// <summary>Why a test that needs these files cannot run here, or null when it can.</summary>
    public static string? SkipReason(params string[] files)
    {
        if (Folder is null)
        {
            return $"../shared/data is not beside this checkout (looked beside {RepositoryLayout.Root}).";
        }

        return files.FirstOrDefault(file => Find(file) is null) is { } missing
            ? $"shared/data/{missing} is not beside this checkout (looked in {Folder})."
            : null;
    }
}
