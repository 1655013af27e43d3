namespace AutoScale.Engines.Kokoro.Hosting;

/// <summary>Where a worker finds model files (<c>Models</c> section): on RunPod, a network volume mounted at this path.</summary>
public sealed class ModelsOptions
{
    public const string SectionName = "Models";

    /// <summary>The folder holding <c>kokoro/</c> (see <see cref="KokoroModelFiles"/>). Default <c>/models</c>.</summary>
    public string Path { get; set; } = "/models";
}
