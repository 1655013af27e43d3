using System.Text.RegularExpressions;

namespace AutoScale.Deployment.Tests;

/// <summary>
/// A copy of what <c>docker build .</c> sends from the repository root: the files the root <c>.dockerignore</c>
/// admits (its patterns in order, the last match deciding, a match on a folder covering what is inside).
/// </summary>
public static class DockerBuildContext
{
    public static void CopyTo(string repositoryRoot, string destination)
    {
        var rules = File.ReadAllLines(Path.Combine(repositoryRoot, ".dockerignore"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Rule.Parse)
            .ToArray();
        foreach (var file in Directory.EnumerateFiles(repositoryRoot, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(repositoryRoot, file).Replace(Path.DirectorySeparatorChar, '/');
            if (IsIncluded(rules, relative))
            {
                var target = Path.Combine(destination, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    private static bool IsIncluded(IEnumerable<Rule> rules, string path)
    {
        var included = true;
        foreach (var rule in rules)
        {
            if (rule.Matches(path))
            {
                included = rule.Include;
            }
        }

        return included;
    }

    private sealed record Rule(bool Include, Regex Pattern)
    {
        public static Rule Parse(string line)
        {
            var include = line.StartsWith('!');
            var glob = (include ? line[1..] : line).Trim('/');
            var pattern = Regex.Escape(glob).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]");
            return new Rule(include, new Regex($"^{pattern}(/.*)?$"));
        }

        public bool Matches(string path) => Pattern.IsMatch(path);
    }
}
