namespace AutoScale.Engines.Kokoro.Parity;

/// <summary>One quantity of one fixture input (e.g. <c>F0</c> of input 2) with its measures; it holds when they all do.</summary>
internal sealed record ParityCheck(int Input, string Quantity, IReadOnlyList<ParityMeasure> Measures)
{
    public bool Holds => Measures.All(m => m.Holds);

    public override string ToString() =>
        $"input {Input}  {Quantity,-16} {(Holds ? "ok    " : "BROKEN")}  {string.Join("; ", Measures)}";
}
