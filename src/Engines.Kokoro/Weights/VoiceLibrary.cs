using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>
/// The voices in a folder of Kokoro <c>&lt;name&gt;.pt</c> files, loaded on first use and kept. <see cref="Get"/> also takes Kokoro's
/// mix syntax <c>"af_heart,af_bella"</c> (the mean of the voices). The library owns every pack it returns: don't dispose them.
/// </summary>
public sealed partial class VoiceLibrary(string folder) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<VoicePack>> _loaded = new(StringComparer.Ordinal);

    public string Folder { get; } = folder;

    /// <summary>The names of the voice files in the folder, sorted.</summary>
    public IReadOnlyList<string> Names =>
        [.. Directory.EnumerateFiles(Folder, "*.pt").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    public VoicePack Get(string name)
    {
        var parts = name.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new ArgumentException("A voice name is required.", nameof(name));
        }

        return parts.Length == 1
            ? Single(parts[0])
            : GetOrLoad(string.Join(",", parts), () => VoicePack.Mix([.. parts.Select(Single)]));
    }

    public void Dispose()
    {
        foreach (var pack in _loaded.Values.Where(p => p.IsValueCreated))
        {
            pack.Value.Dispose();
        }

        _loaded.Clear();
    }

    private VoicePack Single(string name)
    {
        // Names come from requests: never let one reach outside the folder.
        if (!SafeName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a voice name (letters, digits, '_' and '-' only).", nameof(name));
        }

        return GetOrLoad(name, () =>
        {
            var path = Path.Combine(Folder, name + ".pt");
            return File.Exists(path)
                ? VoicePack.Load(path)
                : throw new FileNotFoundException($"No voice '{name}' in {Folder}.", path);
        });
    }

    private VoicePack GetOrLoad(string key, Func<VoicePack> load)
    {
        var lazy = _loaded.GetOrAdd(key, _ => new Lazy<VoicePack>(load));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Lazy caches a failure; drop it so a voice file added later is found.
            _loaded.TryRemove(new KeyValuePair<string, Lazy<VoicePack>>(key, lazy));
            throw;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SafeName();
}
