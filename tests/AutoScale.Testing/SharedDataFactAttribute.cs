namespace AutoScale.Testing;

/// <summary>
/// A fact that needs files from <c>../shared/data</c>: skipped, naming the missing file, without them. xunit 2 has no
/// run-time skip, so the decision is made when the attribute is built.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(params string[] files) => Skip = SharedData.SkipReason(files);
}
