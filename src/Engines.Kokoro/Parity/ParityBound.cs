namespace AutoScale.Engines.Kokoro.Parity;

/// <summary>Which way a measured value must lie against its bound.</summary>
internal enum ParityBound
{
    AtMost,
    AtLeast,
    Equal,
}
