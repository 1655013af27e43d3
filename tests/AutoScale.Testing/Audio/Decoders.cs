using System.Globalization;
using System.Text.Json;

namespace AutoScale.Testing.Audio;

/// <summary>The reference decoders other than Opus': FFmpeg (every format), mpg123 (MP3) and the flac tools.</summary>
public static class Decoders
{
    /// <summary>
    /// Decodes any of the formats with ffmpeg to mono float samples at the file's own rate (48 kHz for Opus). Raw PCM
    /// has no header, so its rate is given.
    /// </summary>
    public static async Task<float[]> FfmpegAsync(string path, int? rawPcmRate = null)
    {
        using var raw = new TemporaryFile(".f32");
        string[] input = rawPcmRate is { } rate
            ? ["-f", "s16le", "-ar", rate.ToString(CultureInfo.InvariantCulture), "-ac", "1", "-i", path]
            : ["-i", path];
        await ReferenceTool.Ffmpeg.RunAsync(["-v", "error", "-y", .. input, "-f", "f32le", "-ac", "1", raw.Path]);
        return await RawAudio.ReadFloatsAsync(raw.Path);
    }

    /// <summary>What ffprobe says of the file's audio stream.</summary>
    public static async Task<ProbedAudio> ProbeAsync(string path)
    {
        var output = await ReferenceTool.Ffprobe.RunAsync("-v", "error", "-show_streams", "-of", "json", path);
        using var json = JsonDocument.Parse(output);
        var stream = json.RootElement.GetProperty("streams")[0];
        return new ProbedAudio(
            stream.GetProperty("codec_name").GetString()!,
            int.Parse(stream.GetProperty("sample_rate").GetString()!, CultureInfo.InvariantCulture),
            stream.GetProperty("channels").GetInt32(),
            stream.TryGetProperty("profile", out var profile) ? profile.GetString() : null);
    }

    /// <summary>Decodes an MP3 file with mpg123 (gapless, as it is by default: it trims what the LAME tag says).</summary>
    public static async Task<float[]> Mpg123Async(string path)
    {
        using var raw = new TemporaryFile(".f32");
        await ReferenceTool.Mpg123.RunAsync("--quiet", "--encoding", "f32", "--outfile", raw.Path, path);
        return await RawAudio.ReadFloatsAsync(raw.Path);
    }

    /// <summary>Decodes a FLAC file with the flac tool to its 16-bit samples, checking every frame's CRC (and the MD5 when there is one).</summary>
    public static async Task<short[]> FlacAsync(string path)
    {
        using var raw = new TemporaryFile(".raw");
        await ReferenceTool.Flac.RunAsync(
            "--decode", "--silent", "--force", "--force-raw-format", "--endian=little", "--sign=signed", "--output-name", raw.Path, path);
        return await RawAudio.ReadInt16Async(raw.Path);
    }

    /// <summary>The total samples and the MD5 signature STREAMINFO states, as metaflac reads them.</summary>
    public static async Task<(long TotalSamples, string Md5)> StreamInfoAsync(string path)
    {
        var lines = (await ReferenceTool.Metaflac.RunAsync("--show-total-samples", "--show-md5sum", path))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (long.Parse(lines[0], CultureInfo.InvariantCulture), lines[1]);
    }
}
