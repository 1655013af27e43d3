namespace AutoScale.Engines.Kokoro.Tests.Decoder;

/// <summary>
/// Tests that seed torch's process-wide generator and compare what it draws; they run alone, because a test class running
/// in parallel would draw from the same generator in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRandomCollection
{
    public const string Name = "torch global random generator";
}
