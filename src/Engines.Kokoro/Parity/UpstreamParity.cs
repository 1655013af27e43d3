using AutoScale.Engines.Kokoro.Model;
using static TorchSharp.torch;

namespace AutoScale.Engines.Kokoro.Parity;

/// <summary>
/// Runs the port on every input of a <see cref="ParityFixture"/> and holds each quantity to the fixture's bounds:
/// rounded durations, unrounded durations, F0 and N by max abs error; the audio, made with the canonical harmonic branch
/// (<see cref="HarmonicSourceMode.Canonical"/>), by max abs error, SNR and correlation; and each plain upstream audio
/// (<c>audio_raw_i</c>, not reproducible between float32 implementations) by its length only, against the port as shipped.
/// The test and the bench both use this, so they measure the same thing.
/// </summary>
internal static class UpstreamParity
{
    public static ParityReport Check(ParityFixture fixture)
    {
        var bounds = fixture.Tolerances;
        var checks = new List<ParityCheck>();
        using var model = fixture.LoadModel();
        var samplesPerFrame = model.Config.SamplesPerFrame;
        foreach (var input in fixture.Inputs)
        {
            using var scope = NewDisposeScope();
            model.HarmonicSource = HarmonicSourceMode.Canonical;
            var trace = model.Trace(Utterance(fixture, input));
            var durations = trace.Durations.data<long>().ToArray();
            var expectedDurations = fixture.Int64($"dur_{input}");

            checks.Add(MaxAbs(input, "dur", Doubles(expectedDurations), Doubles(durations), bounds.DurationMaxAbs));
            checks.Add(MaxAbs(input, "dur_raw", Doubles(fixture.Float32($"dur_raw_{input}")), Doubles(trace.RawDurations), bounds.RawDurationMaxAbs));
            checks.Add(MaxAbs(input, "F0", Doubles(fixture.Float32($"F0_{input}")), Doubles(trace.F0), bounds.F0MaxAbs));
            checks.Add(MaxAbs(input, "N", Doubles(fixture.Float32($"N_{input}")), Doubles(trace.N), bounds.NMaxAbs));

            var expectedAudio = Doubles(fixture.Float32($"audio_canonical_{input}"));
            var audio = Doubles(trace.Audio);
            var agreement = SignalAgreement.Between(expectedAudio, audio);
            checks.Add(new ParityCheck(input, "audio_canonical",
            [
                Length(expectedAudio.Length, audio.Length),
                new ParityMeasure("max abs", agreement.MaxAbs, ParityBound.AtMost, bounds.AudioMaxAbs),
                new ParityMeasure("SNR dB", agreement.SnrDb, ParityBound.AtLeast, bounds.AudioSnrDbMin),
                new ParityMeasure("correlation", agreement.Correlation, ParityBound.AtLeast, bounds.AudioCorrelationMin),
            ]));

            if (fixture.Has($"audio_raw_{input}"))
            {
                model.HarmonicSource = HarmonicSourceMode.Production;
                var raw = model.Trace(Utterance(fixture, input)).Audio;
                var expectedLength = samplesPerFrame * expectedDurations.Sum();
                checks.Add(new ParityCheck(input, "audio_raw",
                [
                    new ParityMeasure("upstream samples", fixture.Float32($"audio_raw_{input}").Length, ParityBound.Equal, expectedLength),
                    new ParityMeasure("samples", raw.shape[0], ParityBound.Equal, expectedLength),
                ]));
            }
        }

        model.HarmonicSource = HarmonicSourceMode.Production;
        return new ParityReport(fixture.Folder, checks);
    }

    private static KokoroUtterance Utterance(ParityFixture fixture, int input) =>
        new(fixture.Int64($"ids_{input}"), tensor(fixture.Float32($"ref_s_{input}")).unsqueeze(0));

    private static ParityCheck MaxAbs(int input, string quantity, double[] expected, double[] actual, double bound) =>
        new(input, quantity,
        [
            Length(expected.Length, actual.Length),
            new ParityMeasure("max abs", SignalAgreement.Between(expected, actual).MaxAbs, ParityBound.AtMost, bound),
        ]);

    private static ParityMeasure Length(long expected, long actual) => new("length", actual, ParityBound.Equal, expected);

    private static double[] Doubles(Tensor tensor) => [.. tensor.cpu().to(ScalarType.Float64).data<double>()];

    private static double[] Doubles(float[] values) => [.. values.Select(v => (double)v)];

    private static double[] Doubles(long[] values) => [.. values.Select(v => (double)v)];
}
