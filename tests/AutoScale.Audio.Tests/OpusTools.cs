using AutoScale.Testing;

namespace AutoScale.Audio.Tests;

/// <summary>
/// The reference Opus tools from the Debian package <c>opus-tools</c> (<c>opusinfo</c>, <c>opusdec</c>, built on
/// libopus and libogg), which judge the encoder's output independently of Concentus.
/// </summary>
internal static class OpusTools
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs opusinfo on the file; fails the test unless it exits cleanly without warnings.</summary>
    public static async Task<string> InfoAsync(string path)
    {
        var (exitCode, output) = await RunAsync("opusinfo", path);
        Assert.True(exitCode == 0, $"opusinfo exited with {exitCode}:\n{output}");
        Assert.DoesNotContain("WARNING", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ERROR", output, StringComparison.OrdinalIgnoreCase);
        return output;
    }

    /// <summary>Decodes the file with opusdec to mono float samples at 48 kHz.</summary>
    public static async Task<float[]> DecodeAsync(string path)
    {
        var raw = Path.ChangeExtension(path, ".f32");
        try
        {
            var (exitCode, output) = await RunAsync("opusdec", "--quiet", "--rate", "48000", "--float", path, raw);
            Assert.True(exitCode == 0, $"opusdec exited with {exitCode}:\n{output}");
            var bytes = await File.ReadAllBytesAsync(raw);
            var samples = new float[bytes.Length / sizeof(float)];
            Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * sizeof(float));
            return samples;
        }
        finally
        {
            File.Delete(raw);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var executable = Find(tool) ?? throw new InvalidOperationException(
            $"{tool} is not installed; these tests need the Debian package opus-tools (apt-get install opus-tools).");
        var result = await ExternalCommand.RunAsync(executable, arguments, _timeout);
        return (result.ExitCode, result.Output + result.Errors);
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}
