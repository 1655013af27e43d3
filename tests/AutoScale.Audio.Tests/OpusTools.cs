using AutoScale.Testing.Audio;

namespace AutoScale.Audio.Tests;

/// <summary>
/// The reference Opus tools from the Debian package <c>opus-tools</c> (<c>opusinfo</c>, <c>opusdec</c>, built on
/// libopus and libogg), which judge the encoder's output independently of Concentus.
/// </summary>
internal static class OpusTools
{
    /// <summary>Runs opusinfo on the file; fails the test unless it exits cleanly without warnings.</summary>
    public static async Task<string> InfoAsync(string path)
    {
        var output = await ReferenceTool.Opusinfo.RunAsync(path);
        Assert.DoesNotContain("WARNING", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ERROR", output, StringComparison.OrdinalIgnoreCase);
        return output;
    }

    /// <summary>Decodes the file with opusdec to mono float samples at 48 kHz.</summary>
    public static async Task<float[]> DecodeAsync(string path)
    {
        using var raw = new TemporaryFile(".f32");
        await ReferenceTool.Opusdec.RunAsync("--quiet", "--rate", "48000", "--float", path, raw.Path);
        return await RawAudio.ReadFloatsAsync(raw.Path);
    }
}
