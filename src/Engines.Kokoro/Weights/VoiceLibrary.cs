using System.Collections.Concurrent;
using AutoScale.Interfaces.Voices;

namespace AutoScale.Engines.Kokoro.Weights;

/// <summary>
/// The voices in a folder of Kokoro <c>&lt;name&gt;.pt</c> files, loaded on first use and kept. <see cref="Get"/> also takes a
/// blend (<see cref="VoiceBlend"/>: <c>af_bella(2)+af_sky(1)</c>, or upstream's <c>af_bella,af_sky</c>), made once per
/// mix. The library owns every pack it returns: don't dispose them.
/// </summary>
public sealed class VoiceLibrary(string folder) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<VoicePack>> _loaded = new(StringComparer.Ordinal);

    public string Folder { get; } = folder;

    /// <summary>The names of the voice files in the folder, sorted.</summary>
    public IReadOnlyList<string> Names =>
        [.. Directory.EnumerateFiles(Folder, "*.pt").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    /// <exception cref="ArgumentException">The name is neither a voice id nor a blend of them.</exception>
    /// <exception cref="FileNotFoundException">A voice it names has no file in the folder.</exception>
    public VoicePack Get(string name)
    {
        if (!VoiceBlend.TryParse(name, out var blend, out var error))
        {
            // The grammar admits only plain file stems, so no name reaches outside the folder.
            throw new ArgumentException(error, nameof(name));
        }

        return blend.IsSingle
            ? Single(blend.Lead)
            : GetOrLoad(blend.Canonical, () => VoicePack.Blend(blend.Canonical, [.. blend.Parts.Select(p => (Single(p.Voice), p.Share))]));
    }

    public void Dispose()
    {
        foreach (var pack in _loaded.Values.Where(p => p.IsValueCreated))
        {
            pack.Value.Dispose();
        }

        _loaded.Clear();
    }

    private VoicePack Single(string name) => GetOrLoad(name, () =>
    {
        var path = Path.Combine(Folder, name + ".pt");
        return File.Exists(path)
            ? VoicePack.Load(path)
            : throw new FileNotFoundException($"No voice '{name}' in {Folder}.", path);
    });

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
}
