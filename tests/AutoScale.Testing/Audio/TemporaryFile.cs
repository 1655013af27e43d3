namespace AutoScale.Testing.Audio;

/// <summary>A file in the temporary folder, deleted on dispose.</summary>
public sealed class TemporaryFile : IDisposable
{
    public TemporaryFile(string extension)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"autoscale-audio-{Guid.NewGuid():N}{extension}");
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
