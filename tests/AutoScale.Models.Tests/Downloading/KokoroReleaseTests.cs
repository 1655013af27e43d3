using AutoScale.Models.Kokoro;

namespace AutoScale.Models.Tests.Downloading;

public sealed class KokoroReleaseTests
{
    [Fact]
    public void The_manifest_pins_the_release_in_the_layout_the_worker_reads()
    {
        var manifest = KokoroRelease.Manifest;
        manifest.Validate();

        Assert.Equal(("hexgrad/Kokoro-82M", "f3ff3571791e39611d31c381e3a41a3af07b4987", "kokoro"), (manifest.Repository, manifest.Revision, manifest.Folder));
        Assert.True(manifest.IsPinned);
        Assert.Equal(56, manifest.Files.Count);
        Assert.Equal(["config.json", "kokoro-v1_0.pth"], manifest.Files.Take(2));
        Assert.All(manifest.Files.Skip(2), path => Assert.Matches("^voices/[abefhijpz][fm]_[a-z]+\\.pt$", path));
        Assert.Contains("voices/af_heart.pt", manifest.Files);
    }

    [Theory]
    [InlineData("owner", "config.json")]
    [InlineData("owner/name", "../outside.pt")]
    [InlineData("owner/name", "/etc/passwd")]
    [InlineData("owner/name", "voices//a.pt")]
    public void A_manifest_that_would_write_outside_its_folder_is_refused(string repository, string file)
    {
        Assert.Throws<ArgumentException>(() => new ModelManifest("m", repository, "main", "m", [file]).Validate());
    }
}
