namespace AutoScale.Testing;

/// <summary>Finds a program the tests run (haproxy, pgbouncer, node, the reference decoders) as a shell would.</summary>
public static class InstalledProgram
{
    /// <summary>
    /// <paramref name="knownPath"/> when it exists (daemons Debian installs under /usr/sbin, off a user's PATH), else the
    /// first <paramref name="name"/> on the PATH; null when neither is there.
    /// </summary>
    public static string? Find(string name, string? knownPath = null) =>
        knownPath is not null && File.Exists(knownPath) ? knownPath
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
