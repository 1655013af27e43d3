using System.Text.RegularExpressions;

namespace AutoScale.Fleet.Hosting;

public static partial class PoolNames
{
    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex Pattern();
}
