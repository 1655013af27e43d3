namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>A persistent id; torch.save uses it for the tuple that names a tensor's storage file in the archive.</summary>
internal sealed record PicklePersistentId(object? Id);
