using System.Runtime.InteropServices;
using System.Text.Json;
using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Weights;

namespace AutoScale.Engines.Kokoro.Parity;

/// <summary>
/// A folder of what upstream Kokoro computed for a small model (see its README): the model in the official format
/// (<c>config.json</c>, <c>kokoro-v1_0.pth</c>), inputs <c>ids_i</c> and <c>ref_s_i</c>, upstream's outputs, the
/// <c>index.json</c> that names each raw array, and the bounds in <c>tolerances.json</c>.
/// </summary>
internal sealed class ParityFixture
{
    private readonly IReadOnlyDictionary<string, FixtureArray> _index;

    private ParityFixture(string folder, IReadOnlyDictionary<string, FixtureArray> index, ParityTolerances tolerances)
    {
        Folder = folder;
        _index = index;
        Tolerances = tolerances;
    }

    public string Folder { get; }

    public ParityTolerances Tolerances { get; }

    /// <summary>The inputs 0, 1, … that have token ids.</summary>
    public IReadOnlyList<int> Inputs => [.. Enumerable.Range(0, int.MaxValue).TakeWhile(i => Has($"ids_{i}"))];

    public static ParityFixture Open(string folder)
    {
        var index = JsonSerializer.Deserialize<Dictionary<string, FixtureArray>>(File.ReadAllText(Path.Combine(folder, "index.json")))
            ?? throw new FormatException($"{folder}/index.json is empty.");
        var tolerances = ParityTolerances.Parse(File.ReadAllText(Path.Combine(folder, "tolerances.json")));
        return new ParityFixture(folder, index, tolerances);
    }

    public bool Has(string name) => _index.ContainsKey(name);

    public long[] Int64(string name) => Read<long>(name, "int64");

    public float[] Float32(string name) => Read<float>(name, "float32");

    /// <summary>
    /// The fixture's model through the production loader (config, then a strict checkpoint load), in eval mode, with the
    /// non-stochastic source upstream ran with (its rand/randn returned zeros).
    /// </summary>
    public KokoroModel LoadModel()
    {
        var model = new KokoroModel(KokoroConfig.Load(Path.Combine(Folder, "config.json")), stochasticSource: false);
        using (var checkpoint = KokoroCheckpoint.Read(Path.Combine(Folder, "kokoro-v1_0.pth")))
        {
            checkpoint.LoadInto(model);
        }

        model.eval();
        return model;
    }

    private T[] Read<T>(string name, string dtype)
        where T : unmanaged
    {
        if (!_index.TryGetValue(name, out var entry))
        {
            throw new KeyNotFoundException($"{Folder}/index.json has no \"{name}\".");
        }
        if (entry.DType != dtype)
        {
            throw new FormatException($"{name} is {entry.DType}, not {dtype}.");
        }
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The fixture's arrays are little-endian.");
        }

        var bytes = File.ReadAllBytes(Path.Combine(Folder, entry.File));
        var values = MemoryMarshal.Cast<byte, T>(bytes).ToArray();
        var expected = entry.Shape.Aggregate(1L, (a, b) => a * b);
        return values.Length == expected
            ? values
            : throw new FormatException($"{entry.File} holds {values.Length} values; its shape [{string.Join(",", entry.Shape)}] needs {expected}.");
    }
}
