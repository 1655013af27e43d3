using AutoScale.Models.HuggingFace;
using AutoScale.Models.Progress;
using AutoScale.Models.Tests.FakeHub;

namespace AutoScale.Models.Tests.Downloading;

/// <summary>A three-file model on a fake hub: a config in git, LFS weights big enough to cut mid-file, an LFS voice.</summary>
internal static class TinyModel
{
    public const string Repository = "test/tiny-model";
    public const string Revision = "0123456789abcdef0123456789abcdef01234567";
    public const string Config = "config.json";
    public const string Weights = "weights.pth";
    public const string Voice = "voices/af_test.pt";

    public static ModelManifest Manifest { get; } = new("the test model", Repository, Revision, "tiny", [Config, Weights, Voice]);

    public static IReadOnlyList<FakeHubFile> Files { get; } =
    [
        FakeHubFile.Generated(Config, 700, isLfs: false, seed: 1),
        FakeHubFile.Generated(Weights, 300_000, isLfs: true, seed: 2),
        FakeHubFile.Generated(Voice, 5_000, isLfs: true, seed: 3),
    ];

    public static Task<FakeHubServer> StartHubAsync() => FakeHubServer.StartAsync(Repository, Revision, Files);

    /// <summary>A downloader into <paramref name="folder"/> that retries at once (the waits are the schedule's, not the test's).</summary>
    public static ModelDownloader Downloader(
        HttpClient http, HubSettings hub, TempFolder folder, DownloadProgress progress, ModelManifest? manifest = null) =>
        new(manifest ?? Manifest, hub, new ModelDownloadOptions { ModelsPath = folder.Path, RetryDelay = TimeSpan.Zero },
            http, progress, TimeProvider.System);

    public static string PathOf(TempFolder folder, string file) => folder.File(Path.Combine(Manifest.Folder, file));
}
