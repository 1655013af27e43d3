namespace AutoScale.Models;

/// <summary>
/// What to fetch: <see cref="Files"/> (paths inside the repository, '/'-separated) of <see cref="Repository"/> at
/// <see cref="Revision"/>, into <see cref="Folder"/> under the models path. <see cref="Title"/> names the whole in
/// sentences ("the Kokoro model"). A pinned commit as the revision makes every run fetch the same bytes.
/// </summary>
public sealed record ModelManifest(string Title, string Repository, string Revision, string Folder, IReadOnlyList<string> Files)
{
    /// <summary>Whether the hub's <c>X-Repo-Commit</c> must equal <see cref="Revision"/>: it is a full commit id.</summary>
    public bool IsPinned => Revision.Length == 40 && Revision.All(char.IsAsciiHexDigitLower);

    /// <exception cref="ArgumentException">A repository that is not owner/name, or a path that leaves the folder.</exception>
    public void Validate()
    {
        if (Repository.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            throw new ArgumentException($"The repository must be 'owner/name', not '{Repository}'.");
        }

        if (string.IsNullOrWhiteSpace(Revision) || string.IsNullOrWhiteSpace(Folder) || Files.Count == 0)
        {
            throw new ArgumentException($"The manifest of {Repository} needs a revision, a folder and files.");
        }

        foreach (var path in Files.Append(Folder))
        {
            if (Path.IsPathRooted(path) || path.Contains('\\') || path.Split('/').Any(part => part is "" or "." or ".."))
            {
                throw new ArgumentException($"'{path}' must be a relative path that stays inside the models folder.");
            }
        }

        if (Files.Distinct(StringComparer.Ordinal).Count() != Files.Count)
        {
            throw new ArgumentException($"The manifest of {Repository} names a file twice.");
        }
    }
}
