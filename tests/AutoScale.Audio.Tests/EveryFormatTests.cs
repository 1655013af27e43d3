using AutoScale.Testing.Audio;

namespace AutoScale.Audio.Tests;

/// <summary>
/// Every format, finished and streamed, at the engines' rates and resampled to OpenAI's 24 kHz, judged by FFmpeg's
/// decoders: 20 seconds of a 440 Hz tone must come back as 20 seconds, at the rate promised, with its end intact.
/// </summary>
public sealed class EveryFormatTests
{
    private const double Seconds = 20;

    public static TheoryData<AudioFormat, Delivery, int, int?> Cases()
    {
        var cases = new TheoryData<AudioFormat, Delivery, int, int?>();
        foreach (var format in AudioFormat.All)
        {
            foreach (var delivery in Enum.GetValues<Delivery>())
            {
                cases.Add(format, delivery, 22050, null);
                cases.Add(format, delivery, 22050, 24000);
                cases.Add(format, delivery, 24000, null);
            }
        }

        return cases;
    }

    [NeedsTheory("mp3", "flac", "aac", "soxr", "ffmpeg", "ffprobe")]
    [MemberData(nameof(Cases))]
    public async Task The_file_decodes_to_the_duration_written_at_the_promised_rate_with_its_end_intact(
        AudioFormat format, Delivery delivery, int inputRate, int? outputRate)
    {
        var rate = outputRate ?? inputRate;
        var samples = Signals.SineInt16(inputRate, Seconds);
        var bytes = await Encode.AsDeliveredAsync(format, inputRate, samples, delivery, outputRate);
        using var file = await Encode.ToFileAsync(format, bytes);

        // Opus always decodes at 48 kHz; its header keeps the rate it was given.
        var decodedRate = format == AudioFormat.Opus ? 48_000 : rate;
        if (format != AudioFormat.Pcm)
        {
            var probed = await Decoders.ProbeAsync(file.Path);
            Assert.Equal((Codec(format), decodedRate, 1), (probed.Codec, probed.SampleRate, probed.Channels));
        }

        var decoded = await Decoders.FfmpegAsync(file.Path, format == AudioFormat.Pcm ? rate : null);
        Assert.InRange(decoded.Length / (double)decodedRate, Seconds * 0.99, Seconds * 1.01);

        // A last frame dropped or cut short shortens the tone: it must sound for as long as it was written, to a
        // millisecond.
        var heard = Signals.HeardLength(decoded) / (double)decodedRate;
        var written = Signals.HeardLength(samples) / (double)inputRate;
        Assert.InRange(heard - written, -0.001, 0.001);
        Signals.AssertTone(decoded.AsSpan(decoded.Length / 4, decodedRate), decodedRate, 440);
    }

    [NeedsTheory("mp3", "flac", "aac", "soxr")]
    [MemberData(nameof(Cases))]
    public async Task The_same_input_gives_the_same_bytes_however_it_is_cut_into_writes(
        AudioFormat format, Delivery delivery, int inputRate, int? outputRate)
    {
        var samples = Signals.Noise(inputRate * 3, seed: 19);
        var streamed = delivery == Delivery.Streamed;
        long? total = streamed ? null : samples.Length;
        int[] pieces = [1, 441, 4097, 20_000];

        // A flush closes an Ogg page, so streamed Opus has the same packets but pages where the flushes were.
        int[] first = format == AudioFormat.Opus && streamed ? pieces : [];
        var once = await Encode.ToBytesAsync(
            format, inputRate, samples, total, Encode.Reproducible, seekable: !streamed, outputRate, flushEachWrite: streamed, first);
        var again = await Encode.ToBytesAsync(
            format, inputRate, samples, total, Encode.Reproducible, seekable: !streamed, outputRate, flushEachWrite: streamed, pieces);

        Assert.Equal(once, again);
    }

    private static string Codec(AudioFormat format) => format switch
    {
        AudioFormat.Wav => "pcm_s16le",
        AudioFormat.Opus => "opus",
        AudioFormat.Mp3 => "mp3",
        AudioFormat.Flac => "flac",
        AudioFormat.Aac => "aac",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
