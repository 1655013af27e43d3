using System.Diagnostics;
using System.Security.Cryptography;
using AutoScale.Testing;

namespace AutoScale.Engines.Kokoro.Tests;

public sealed class LibTorchSharpPatchTests
{
    private static readonly string Original = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "torchsharp", "0.107.0",
        "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    private static bool SystemLacksTheVersion() =>
        !File.ReadAllText("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", System.Text.Encoding.Latin1).Contains("GLIBCXX_3.4.32", StringComparison.Ordinal);

    private static string Patch(string folder)
    {
        using var process = Process.Start(new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(RepositoryLayout.Root, "scripts", "patch-libtorchsharp.py"), folder },
            RedirectStandardOutput = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    [Fact]
    public void The_patch_changes_a_copy_once_where_the_system_needs_it_and_leaves_the_package_cache_alone()
    {
        var folder = Directory.CreateTempSubdirectory("autoscale-patch-").FullName;
        var copy = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(Original, copy);
        var cacheBefore = SHA256.HashData(File.ReadAllBytes(Original));

        var first = Patch(folder);
        var second = Patch(folder);

        if (SystemLacksTheVersion())
        {
            Assert.Contains(": patched", first, StringComparison.Ordinal);
            Assert.Contains(": already patched", second, StringComparison.Ordinal);
            var changed = File.ReadAllBytes(copy).Zip(File.ReadAllBytes(Original)).Count(pair => pair.First != pair.Second);
            Assert.Equal(1, changed); // one byte of one flags field
        }
        else
        {
            Assert.Equal("", first + second); // a new enough libstdc++: nothing to do
            Assert.Equal(File.ReadAllBytes(Original), File.ReadAllBytes(copy));
        }

        Assert.Equal(cacheBefore, SHA256.HashData(File.ReadAllBytes(Original)));
        Directory.Delete(folder, recursive: true);
    }
}
