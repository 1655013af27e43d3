namespace AutoScale.Fleet.Local;

/// <summary>Finds the worker build in a checkout: <c>src/Silo/bin/&lt;configuration&gt;/net10.0</c>, same configuration first.</summary>
internal static class LocalWorkerBuild
{
    public static string? FindBesideThisProgram()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug"
            : "Release";
        string[] configurations = [configuration, configuration == "Release" ? "Debug" : "Release"];
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in configurations.Select(c => Path.Combine(directory.FullName, "src", "Silo", "bin", c, "net10.0")))
            {
                if (File.Exists(Path.Combine(candidate, "AutoScale.Silo.dll")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
