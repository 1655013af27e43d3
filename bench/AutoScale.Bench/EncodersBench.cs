using System.Globalization;
using AutoScale.Audio;
using AutoScale.Engines.Abstractions;
using AutoScale.Engines.ESpeak;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScale.Bench;

/// <summary>
/// What each format costs the gateway, which encodes every file it streams or assembles: CPU seconds per minute of
/// audio and bytes per minute. The audio is real speech, eSpeak's at 22,050 Hz, and the same resampled to 24,000 Hz
/// for an engine at Kokoro's rate; each is encoded as the gateway assembles a finished file (2.5-second chunks into a
/// seekable file), at its own rate and, for 22,050 Hz, resampled to the 24 kHz OpenAI's API promises. CPU time is the
/// process's and its waited-for children's (ffmpeg, for AAC), from /proc/self/stat.
/// </summary>
public static class EncodersBench
{
    private const int EngineRate = 22050;
    private const int KokoroRate = 24000;
    private const double ChunkSeconds = 2.5;

    public static async Task RunAsync(int seconds)
    {
        Console.WriteLine($"Encoders, {seconds} s of eSpeak speech, {Environment.ProcessorCount} cores, load {LoadAverage()}");
        var speech = await SpeechAsync(seconds);
        var atKokoroRate = await ResampleAsync(speech, EngineRate, KokoroRate);
        (int Input, int? Output, short[] Samples)[] cases =
            [(EngineRate, null, speech), (EngineRate, KokoroRate, speech), (KokoroRate, null, atKokoroRate)];

        Console.WriteLine($"{"format",-6} {"input Hz",9} {"file Hz",8} {"CPU s/min",10} {"× real time",12} {"KB/min",9}");
        foreach (var (input, output, samples) in cases)
        {
            foreach (var format in AudioFormat.All)
            {
                await EncodeAsync(format, input, output, samples.AsMemory(0, input * 5)); // warm-up: JIT, libraries, ffmpeg's pages
                var before = CpuTime();
                var bytes = await EncodeAsync(format, input, output, samples);
                var cpu = CpuTime() - before;
                var minutes = samples.Length / (double)input / 60;

                // Below a clock tick of CPU there is no ratio to give.
                var realTime = cpu > TimeSpan.Zero ? (minutes * 60 / cpu.TotalSeconds).ToString("0", CultureInfo.InvariantCulture) : "-";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{format.WireName,-6} {input,9} {output ?? input,8} {cpu.TotalSeconds / minutes,10:0.000} {realTime,12} {bytes / minutes / 1000,9:0}"));
            }
        }

        Console.WriteLine($"load {LoadAverage()} (1, 5, 15 minutes)");
    }

    private static async Task<long> EncodeAsync(AudioFormat format, int input, int? output, ReadOnlyMemory<short> samples)
    {
        using var file = new MemoryStream();
        await using (var encoder = AudioEncoders.Create(format, input, file, samples.Length, outputSampleRate: output))
        {
            var chunk = (int)(input * ChunkSeconds);
            for (var start = 0; start < samples.Length; start += chunk)
            {
                await encoder.WriteAsync(samples[start..Math.Min(samples.Length, start + chunk)]);
            }

            await encoder.CompleteAsync();
        }

        return file.Length;
    }

    /// <summary>English prose from eSpeak, repeated to <paramref name="seconds"/>, as 16-bit samples like stored chunks.</summary>
    private static async Task<short[]> SpeechAsync(int seconds)
    {
        using var engine = new ESpeakEngine(NullLogger<ESpeakEngine>.Instance);
        const string text = "The river ran quietly past the old mill, where nobody had worked for years. By noon the market "
            + "was full of voices, bread and the smell of rain on stone. Trains left every twenty minutes, but the last one never came. "
            + "Is it still raining? Nobody knew; forty-two umbrellas stood by the door, and the clock said a quarter past six.";
        var spoken = (await engine.SynthesizeAsync([new SynthesisRequest(text, "en-us", 1.0)], CancellationToken.None))[0];
        var speech = new short[EngineRate * seconds];
        for (var i = 0; i < speech.Length; i++)
        {
            speech[i] = PcmConversion.ToInt16(spoken.Samples[i % spoken.Samples.Length]);
        }

        return speech;
    }

    private static async Task<short[]> ResampleAsync(short[] samples, int from, int to)
    {
        using var pcm = new MemoryStream();
        await using (var encoder = AudioEncoders.Create(AudioFormat.Pcm, from, pcm, samples.Length, outputSampleRate: to))
        {
            await encoder.WriteAsync(samples);
            await encoder.CompleteAsync();
        }

        var resampled = new short[pcm.Length / sizeof(short)];
        PcmConversion.FromLittleEndianBytes(pcm.GetBuffer().AsSpan(0, (int)pcm.Length), resampled);
        return resampled;
    }

    /// <summary>User and system time of this process and of its children that have been waited for.</summary>
    private static TimeSpan CpuTime()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        // Fields 14 to 17 of proc(5), counted from the state (field 3): utime, stime, cutime, cstime, in clock ticks.
        var ticks = fields[11..15].Sum(field => long.Parse(field, CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);
}
