namespace AutoScale.Bench;

/// <summary>Prints rows as a Markdown table, so it can go into the README as printed.</summary>
public static class ComparisonTable
{
    public static void Print(IEnumerable<ComparisonRow> rows)
    {
        Console.WriteLine("| figure | measured | target | verdict |");
        Console.WriteLine("|---|---:|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Figure} | {row.Measured} | {row.Target} | {row.Verdict} |");
        }
    }
}
