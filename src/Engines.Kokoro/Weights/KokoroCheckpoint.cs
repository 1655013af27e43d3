using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>
/// The official <c>kokoro-v1_0.pth</c>: a torch.save dict of five state dicts (<see cref="Parts"/>) whose keys carry DataParallel's
/// <c>module.</c> prefix. Held flat, as the model names them: <c>decoder.generator.ups.0.weight_v</c>. Owns its tensors.
/// </summary>
public sealed class KokoroCheckpoint : IDisposable
{
    public const string ModulePrefix = "module.";

    public static readonly IReadOnlyList<string> Parts = ["bert", "bert_encoder", "predictor", "text_encoder", "decoder"];

    // Older transformers saved ALBERT's position_ids as a persistent buffer; it is 0..511, not a weight, and our ALBERT may not have it.
    private static readonly HashSet<string> IgnorableWhenAbsentFromModel = ["bert.embeddings.position_ids"];

    private KokoroCheckpoint(IReadOnlyDictionary<string, Tensor> tensors) => Tensors = tensors;

    /// <summary>Every tensor (on the CPU) by its model name, e.g. <c>bert_encoder.weight</c>.</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    public static KokoroCheckpoint Read(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    public static KokoroCheckpoint Read(Stream stream, string description = "The Kokoro checkpoint")
    {
        if (!TorchTensorArchive.StartsLikeZip(stream))
        {
            throw new InvalidDataException($"{description} is not a torch.save zip archive (the legacy format is not supported).");
        }

        var root = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (DictionaryEntry part in root)
            {
                if (part.Value is not IDictionary stateDict)
                {
                    throw new InvalidDataException($"{description}: '{part.Key}' is not a state dict; expected a dict of {string.Join(", ", Parts)}.");
                }

                foreach (DictionaryEntry entry in stateDict)
                {
                    if (entry.Value is not Tensor tensor)
                    {
                        continue;
                    }

                    var key = (string)entry.Key;
                    var name = key.StartsWith(ModulePrefix, StringComparison.Ordinal) ? key[ModulePrefix.Length..] : key;
                    tensors[$"{part.Key}.{name}"] = tensor.DetachFromDisposeScope();
                }
            }
        }
        catch
        {
            DisposeAll(tensors.Values);
            throw;
        }

        return new KokoroCheckpoint(tensors);
    }

    /// <summary>
    /// Copies every tensor into <paramref name="model"/>'s parameters and buffers (top-level children named as <see cref="Parts"/>),
    /// after checking strictly: a missing key, an unexpected key or a shape mismatch fails with all of them named, and nothing is copied.
    /// </summary>
    public void LoadInto(nn.Module model)
    {
        var target = model.state_dict();
        var missing = target.Keys.Where(k => !Tensors.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var unexpected = Tensors.Keys
            .Where(k => !target.ContainsKey(k) && !IgnorableWhenAbsentFromModel.Contains(k))
            .Order(StringComparer.Ordinal)
            .ToList();
        var mismatched = target
            .Where(t => Tensors.TryGetValue(t.Key, out var source) && !source.shape.SequenceEqual(t.Value.shape))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key}: checkpoint {Shape(Tensors[t.Key])}, model {Shape(t.Value)}")
            .ToList();

        if (missing.Count + unexpected.Count + mismatched.Count > 0)
        {
            throw new KokoroCheckpointMismatchException(missing, unexpected, mismatched);
        }

        using var noGrad = no_grad();
        foreach (var (name, parameter) in target)
        {
            parameter.copy_(Tensors[name]);
        }
    }

    public void Dispose() => DisposeAll(Tensors.Values);

    private static string Shape(Tensor tensor) => $"[{string.Join(",", tensor.shape)}]";

    private static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (var tensor in tensors)
        {
            tensor.Dispose();
        }
    }
}
