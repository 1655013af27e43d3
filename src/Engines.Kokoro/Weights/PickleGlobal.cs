namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>A pickled reference to a Python global, e.g. <c>torch._utils._rebuild_tensor_v2</c>.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public string FullName => $"{Module}.{Name}";
}
