using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>
/// A Kokoro voice: a float32 <c>[510, 1, 256]</c> table whose row <c>n - 1</c> is the style for a phoneme string of length n
/// (its first 128 values steer the decoder, the last 128 the prosody predictor). Owns its tensor (kept out of dispose scopes).
/// </summary>
public sealed class VoicePack : IDisposable
{
    public const int Rows = 510;
    public const int StyleWidth = 256;

    private VoicePack(string name, Tensor styles)
    {
        Name = name;
        Styles = styles;
    }

    public string Name { get; }

    /// <summary>The <c>[510, 1, 256]</c> float32 table, on the CPU unless moved with <see cref="To"/>.</summary>
    public Tensor Styles { get; }

    /// <summary>Reads a voice <c>.pt</c> (torch.save of one bare tensor) straight from its zip; named after the file.</summary>
    public static VoicePack Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file, Path.GetFileNameWithoutExtension(path));
    }

    public static VoicePack Load(Stream stream, string name)
    {
        var styles = TorchTensorArchive.Read(stream, $"Voice file '{name}'");
        try
        {
            return FromTensor(name, styles);
        }
        catch
        {
            styles.Dispose();
            throw;
        }
    }

    /// <summary>Wraps (and takes ownership of) a table that must already be float32 <c>[510, 1, 256]</c>.</summary>
    public static VoicePack FromTensor(string name, Tensor styles)
    {
        if (styles.dtype != ScalarType.Float32)
        {
            throw new InvalidDataException($"Voice '{name}' is {styles.dtype}; a Kokoro voice is Float32.");
        }

        if (!styles.shape.SequenceEqual([Rows, 1L, StyleWidth]))
        {
            throw new InvalidDataException($"Voice '{name}' has shape [{string.Join(",", styles.shape)}]; a Kokoro voice is [{Rows},1,{StyleWidth}].");
        }

        return new VoicePack(name, styles.DetachFromDisposeScope());
    }

    /// <summary>
    /// A blend: the voices' tables weighted by their shares (which should sum to 1) and added, as Kokoro-FastAPI mixes
    /// <c>af_bella(2)+af_sky(1)</c>; equal shares are upstream's mean of a comma list.
    /// </summary>
    public static VoicePack Blend(string name, IReadOnlyList<(VoicePack Voice, double Share)> parts)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count, nameof(parts));
        using var scope = NewDisposeScope();
        var blended = parts.Skip(1).Aggregate(parts[0].Voice.Styles * parts[0].Share, (sum, part) => sum + (part.Voice.Styles * part.Share));
        return new VoicePack(name, blended.DetachFromDisposeScope());
    }

    /// <summary>The <c>[1, 256]</c> style for a phoneme string of <paramref name="phonemeCount"/> characters (1..510).</summary>
    public Tensor StyleFor(int phonemeCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(phonemeCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(phonemeCount, Rows);
        return Styles[phonemeCount - 1];
    }

    /// <summary>A copy of this voice on <paramref name="device"/>.</summary>
    public VoicePack To(Device device) => new(Name, Styles.to(device).DetachFromDisposeScope());

    /// <summary>Writes the voice as Kokoro ships it, so Python's <c>torch.load</c> reads it too (e.g. to keep a mix).</summary>
    public void Save(string path)
    {
        using var file = File.Create(path);
        TorchTensorArchive.Write(file, Path.GetFileNameWithoutExtension(path), Styles);
    }

    public void Dispose() => Styles.Dispose();
}
