using AutoScale.Engines.Kokoro.Parity;

namespace AutoScale.Bench;

/// <summary>
/// The port against a parity fixture (what upstream Kokoro's PyTorch computed): per input and quantity the measured agreement
/// and its bound from the fixture's <c>tolerances.json</c>; the same comparison the parity test runs. Exit code 1 when a bound breaks.
/// </summary>
public static class KokoroParityBench
{
    public static int Run(string folder)
    {
        var report = UpstreamParity.Check(ParityFixture.Open(folder));
        Console.WriteLine($"Kokoro port against upstream PyTorch, fixture {Path.GetFullPath(folder)} (bounds from its tolerances.json)");
        Console.WriteLine(report);
        var broken = report.Broken.Count();
        Console.WriteLine(broken == 0 ? $"all {report.Checks.Count} checks hold" : $"{broken} of {report.Checks.Count} checks break their bounds");
        return broken == 0 ? 0 : 1;
    }
}
