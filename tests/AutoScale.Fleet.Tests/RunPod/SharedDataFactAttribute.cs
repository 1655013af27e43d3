using AutoScale.Testing;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>
/// A fact that needs a file from <c>../shared/data</c> beside the checkout (CI has it, a plain clone may not); it is
/// skipped, saying why, when the file is missing. xunit 2 has no run-time skip, so the decision is made here.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string file)
    {
        if (PathOf(file) is null)
        {
            Skip = $"shared/data/{file} is not beside this checkout (RepositoryLayout.Shared is {RepositoryLayout.Shared ?? "null"}).";
        }
    }

    public static string? PathOf(string file) =>
        RepositoryLayout.Shared is { } shared && File.Exists(Path.Combine(shared, "data", file))
            ? Path.Combine(shared, "data", file)
            : null;
}
