namespace AutoScale.Engines.Kokoro.Hosting;

/// <summary>
/// The official Kokoro-82M files as a worker expects them under <c>Models:Path</c>:
/// <c>kokoro/kokoro-v1_0.pth</c>, <c>kokoro/config.json</c> and <c>kokoro/voices/*.pt</c> (as published in
/// hexgrad/Kokoro-82M). <see cref="Inspect"/> says what is missing, so a worker without them can say why it does
/// not serve the pool.
/// </summary>
public sealed record KokoroModelFiles(string Folder)
{
    public const string WeightsFile = "kokoro-v1_0.pth";
    public const string ConfigFile = "config.json";
    public const string VoicesFolder = "voices";

    public static KokoroModelFiles Under(string modelsPath) => new(System.IO.Path.Combine(modelsPath, "kokoro"));

    public string Weights => System.IO.Path.Combine(Folder, WeightsFile);

    public string Config => System.IO.Path.Combine(Folder, ConfigFile);

    public string Voices => System.IO.Path.Combine(Folder, VoicesFolder);

    /// <summary>Every problem with the files, in words; empty when the model can be loaded.</summary>
    public IReadOnlyList<string> Inspect()
    {
        var problems = new List<string>();
        if (!Directory.Exists(Folder))
        {
            problems.Add($"the folder {Folder} does not exist");
            return problems;
        }

        if (!File.Exists(Weights))
        {
            problems.Add($"{Weights} is missing");
        }

        if (!File.Exists(Config))
        {
            problems.Add($"{Config} is missing");
        }

        if (!Directory.Exists(Voices) || !Directory.EnumerateFiles(Voices, "*.pt").Any())
        {
            problems.Add($"no voices (*.pt) in {Voices}");
        }

        return problems;
    }
}
