using AutoScale.Testing.Audio;

namespace AutoScale.Gateway.Tests.Formats;

/// <summary>Audio bytes the gateway sent, as FFmpeg's decoders hear them: the stream's rate, its length, and where its sound ends.</summary>
public sealed record DecodedAudio(string Codec, int SampleRate, double Seconds, double HeardSeconds)
{
    private const float Silence = 1e-3f;

    public static async Task<DecodedAudio> OfAsync(byte[] bytes, string format, int pcmRate = 24_000)
    {
        using var file = new TemporaryFile("." + format);
        await File.WriteAllBytesAsync(file.Path, bytes);
        var probed = format == "pcm" ? new ProbedAudio("pcm_s16le", pcmRate, 1, null) : await Decoders.ProbeAsync(file.Path);
        var samples = await Decoders.FfmpegAsync(file.Path, format == "pcm" ? pcmRate : null);
        var decodedRate = format == "opus" ? 48_000 : probed.SampleRate;
        var last = Array.FindLastIndex(samples, s => Math.Abs(s) > Silence);
        return new DecodedAudio(probed.Codec, probed.SampleRate, samples.Length / (double)decodedRate, (last + 1) / (double)decodedRate);
    }
}
