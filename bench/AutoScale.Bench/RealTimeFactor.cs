using System.Diagnostics;
using AutoScale.Engines.Abstractions;
using AutoScale.Engines.ESpeak;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScale.Bench;

/// <summary>eSpeak NG's real-time factor here: seconds of synthesis per second of audio, on chunk-sized English.</summary>
public static class RealTimeFactor
{
    public static async Task<(double Factor, double AudioSeconds, int Chunks)> ESpeakAsync(int runs)
    {
        using var engine = new ESpeakEngine(NullLogger<ESpeakEngine>.Instance);
        const string chunk = "The river ran quietly past the old mill, where nobody had worked for years. By noon the market "
            + "was full of voices, bread and the smell of rain on stone. Trains left every twenty minutes, but the last one never came.";
        await engine.SynthesizeAsync([new SynthesisRequest(chunk, "en-us", 1.0)], CancellationToken.None);
        var synthesis = TimeSpan.Zero;
        var audio = 0.0;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = (await engine.SynthesizeAsync([new SynthesisRequest(chunk, "en-us", 1.0)], CancellationToken.None))[0];
            synthesis += clock.Elapsed;
            audio += result.Duration.TotalSeconds;
        }

        return (synthesis.TotalSeconds / audio, audio, runs);
    }
}
