using AutoScale.Models.Kokoro;
using AutoScale.Models.Tests.FakeHub;

namespace AutoScale.Models.Tests.Tool;

/// <summary>The console tool as run.sh runs it, against a loopback hub serving small stand-ins for Kokoro's files.</summary>
public sealed class ModelDownloaderToolTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_tool_downloads_the_pinned_release_and_ends_with_its_summary_and_exit_code_0()
    {
        await using var hub = await FakeHubServer.StartAsync(KokoroRelease.Repository, KokoroRelease.Revision, StandIns(KokoroRelease.Manifest.Files));

        var (exitCode, output, errors) = await DownloaderProcess.RunAsync(Environment(hub), "--path", _folder.Path);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{output}\n{errors}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"All 56 files are in place in {_folder.File("kokoro")}: 56 downloaded (", lines[^1]);
        Assert.Contains("voices/af_heart.pt: downloaded and verified, 1.0 kB in ", output);
        Assert.Equal("", errors);
        Assert.True(File.Exists(_folder.File("kokoro/kokoro-v1_0.pth")));
        Assert.Equal(54, Directory.GetFiles(_folder.File("kokoro/voices"), "*.pt").Length);
    }

    [Fact]
    public async Task Against_a_404_the_tool_names_the_file_in_one_line_and_exits_non_zero()
    {
        var files = StandIns(KokoroRelease.Manifest.Files.Where(path => path != "voices/zm_yunyang.pt"));
        await using var hub = await FakeHubServer.StartAsync(KokoroRelease.Repository, KokoroRelease.Revision, files);

        var (exitCode, output, errors) = await DownloaderProcess.RunAsync(
            new Dictionary<string, string>(Environment(hub)) { ["Models__Path"] = _folder.Path });

        Assert.True(exitCode == 1, $"exit code {exitCode}\n{output}\n{errors}");
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"voices/zm_yunyang.pt: not found in hexgrad/Kokoro-82M at {KokoroRelease.Revision} (404 EntryNotFound)", lines[0]);
        Assert.StartsWith($"1 of 56 files are not in place in {_folder.File("kokoro")}; ", lines[1]);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var (exitCode, _, errors) = await DownloaderProcess.RunAsync(new Dictionary<string, string>(), "--bogus");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: unknown option '--bogus'", errors);
    }

    public void Dispose() => _folder.Dispose();

    private Dictionary<string, string> Environment(FakeHubServer hub) => new()
    {
        ["HF_ENDPOINT"] = hub.Endpoint.AbsoluteUri,
        ["HF_HOME"] = _folder.File("hf-home"),
    };

    /// <summary>Small files in place of the real ones: the config in git, the rest in LFS.</summary>
    private static List<FakeHubFile> StandIns(IEnumerable<string> paths) =>
        [.. paths.Select((path, index) => FakeHubFile.Generated(path, path.StartsWith("voices/", StringComparison.Ordinal) ? 1_000 : 4_000, isLfs: path != "config.json", seed: index))];
}
