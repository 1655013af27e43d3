namespace AutoScale.Engines.Kokoro.Parity;

/// <summary>Every check of a fixture; it holds when they all do.</summary>
internal sealed record ParityReport(string Fixture, IReadOnlyList<ParityCheck> Checks)
{
    public bool Holds => Checks.All(c => c.Holds);

    public IEnumerable<ParityCheck> Broken => Checks.Where(c => !c.Holds);

    public override string ToString() => string.Join(Environment.NewLine, Checks);
}
