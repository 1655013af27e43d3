using AutoScale.Models.HuggingFace;
using AutoScale.Models.Kokoro;

namespace AutoScale.ModelDownloader;

/// <summary>Reads <c>[--path &lt;Models:Path&gt;]</c> and the environment into what a run needs.</summary>
public static class DownloaderCommandLine
{
    public const string DefaultModelsPath = "/models";

    public static readonly string Usage = $"""
        Usage: dotnet AutoScale.ModelDownloader.dll [--path <Models:Path>]

        Downloads Kokoro-82M v1.0 ({KokoroRelease.Repository} at {KokoroRelease.Revision[..7]}) from the Hugging
        Face hub into <Models:Path>/{KokoroRelease.Folder}/: kokoro-v1_0.pth, config.json and the {KokoroRelease.Voices.Count} voices/*.pt,
        each verified against the checksum the hub publishes. An interrupted download resumes; files in place
        are not downloaded again ({KokoroRelease.Folder}/.download-record.json says what was verified).

          --path DIR   the models folder                     (Models__Path, else {DefaultModelsPath})
          --help       this text

        Environment: HF_ENDPOINT (default {HubSettings.DefaultEndpoint}); HF_TOKEN, else the file
        HF_TOKEN_PATH, else $HF_HOME/token (HF_HOME defaults to ~/.cache/huggingface); the token is sent
        to the endpoint only, never to the CDN it redirects to.

        Exit codes: 0 every file in place, 1 not, 2 bad arguments.
        """;

    public static bool WantsHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <summary>The models folder: <c>--path</c>, else <c>Models__Path</c>, else /models.</summary>
    /// <exception cref="UsageException">An unknown option or a missing value.</exception>
    public static string ModelsPath(IReadOnlyList<string> args, Func<string, string?> variable)
    {
        string? path = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] != "--path")
            {
                throw new UsageException($"unknown option '{args[i]}'");
            }

            path = i + 1 < args.Count && args[i + 1].Length > 0
                ? args[++i]
                : throw new UsageException("--path needs a folder");
        }

        return path ?? (variable("Models__Path") is { Length: > 0 } configured ? configured : DefaultModelsPath);
    }

    /// <exception cref="UsageException">HF_ENDPOINT is not an http(s) URL.</exception>
    public static HubSettings Hub(Func<string, string?> variable)
    {
        try
        {
            return HubSettings.FromEnvironment(variable);
        }
        catch (ArgumentException exception)
        {
            throw new UsageException($"HF_ENDPOINT: {exception.Message}");
        }
    }
}
