using AutoScale.Engines.Kokoro.Hosting;
using AutoScale.Engines.Kokoro.Model;
using AutoScale.Engines.Kokoro.Weights;
using static TorchSharp.torch;

namespace AutoScale.Bench;

/// <summary>
/// Kokoro-82M with the official sizes and random weights (the official ones cannot be downloaded here), speaking at a realistic
/// rate: random weights give about 25 frames (0.6 s) per token, so the duration projection's bias is moved until tokens average
/// about 3 frames (75 ms), as real speech does. The arithmetic per frame is the official model's; the sound is not.
/// </summary>
public static class FullSizeKokoro
{
    public const string DurationBias = "predictor.duration_proj.linear_layer.bias";

    public const double DurationBiasShift = -2.9;

    public static string Description =>
        $"Kokoro-82M, official sizes, random weights (seed 1); {DurationBias} moved by {DurationBiasShift} so tokens average about 3 frames (75 ms) as real speech does";

    /// <summary>Audio frames per second (24 kHz, 600 samples a frame) and frames per token with the moved bias.</summary>
    public const double FramesPerSecond = 40;

    public const double FramesPerToken = 3;

    public static KokoroModel Create(KokoroConfig? config = null)
    {
        manual_seed(1);
        var model = new KokoroModel(config ?? new KokoroConfig());
        using (no_grad())
        {
            model.state_dict()[DurationBias].add_(DurationBiasShift);
        }

        model.eval();
        return model;
    }

    /// <summary>
    /// Writes the model in the official layout under <paramref name="modelsPath"/> (<c>kokoro/kokoro-v1_0.pth</c>, <c>config.json</c>,
    /// <c>voices/<paramref name="voice"/>.pt</c>) with the official config (for its vocabulary) and a real voice file, as a worker's <c>Models:Path</c>.
    /// </summary>
    public static KokoroModelFiles Write(string modelsPath, string officialConfig, string voice, string voiceFile)
    {
        var files = KokoroModelFiles.Under(modelsPath);
        Directory.CreateDirectory(files.Voices);
        File.Copy(officialConfig, files.Config, overwrite: true);
        var config = KokoroConfig.Load(files.Config);
        File.Copy(voiceFile, Path.Combine(files.Voices, $"{voice}.pt"), overwrite: true);
        using var model = Create(config);
        KokoroCheckpointWriter.Write(model, files.Weights);
        return files;
    }

    /// <summary>Token ids (with the 0 start and end tokens) for about <paramref name="seconds"/> of audio; <paramref name="variant"/> makes them differ.</summary>
    public static long[] Tokens(double seconds, int variant)
    {
        var count = Math.Max(1, (int)Math.Round(seconds * FramesPerSecond / FramesPerToken));
        return [0L, .. Enumerable.Range(1, count).Select(i => 1L + ((i * 37) + (variant * 11)) % 170), 0L];
    }
}
