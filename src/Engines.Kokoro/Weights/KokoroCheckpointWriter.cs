using System.Collections;
using TorchSharp;
using TorchSharp.PyBridge;

namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>
/// Saves a model's state in the official <c>kokoro-v1_0.pth</c> layout (see <see cref="KokoroCheckpoint"/>): one state dict per top-level
/// child, keys prefixed <c>module.</c>, names as the model has them (weight_g/weight_v), so both this reader and Python's torch.load take it.
/// </summary>
public static class KokoroCheckpointWriter
{
    public static void Write(torch.nn.Module model, string path)
    {
        using var file = File.Create(path);
        Write(model, file);
    }

    public static void Write(torch.nn.Module model, Stream stream)
    {
        var parts = KokoroCheckpoint.Parts.ToDictionary(p => p, _ => new Hashtable(), StringComparer.Ordinal);
        var copies = new List<torch.Tensor>();
        try
        {
            foreach (var (name, tensor) in model.state_dict())
            {
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                if (dot < 0 || !parts.TryGetValue(name[..dot], out var part))
                {
                    throw new ArgumentException(
                        $"'{name}' is not under one of the checkpoint's parts ({string.Join(", ", KokoroCheckpoint.Parts)}).", nameof(model));
                }

                var copy = tensor.detach().cpu().contiguous();
                copies.Add(copy);
                part[KokoroCheckpoint.ModulePrefix + name[(dot + 1)..]] = copy;
            }

            var root = new Hashtable();
            foreach (var (name, part) in parts)
            {
                root[name] = part;
            }

            PyTorchPickler.PickleStateDict(stream, root, leaveOpen: true);
        }
        finally
        {
            foreach (var copy in copies)
            {
                copy.Dispose();
            }
        }
    }
}
