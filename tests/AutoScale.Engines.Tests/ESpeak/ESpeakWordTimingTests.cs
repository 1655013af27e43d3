using AutoScale.Engines.ESpeak;
using AutoScale.Engines.Abstractions;

namespace AutoScale.Engines.Tests.ESpeak;

/// <summary>eSpeak NG's word events as word timestamps: the text's words, in order, where the audio says them.</summary>
[Collection(ESpeakCollection.Name)]
public sealed class ESpeakWordTimingTests(ESpeakEngineFixture fixture)
{
    private const double FrameSeconds = 0.005;

    [Fact]
    public async Task Every_word_of_the_text_comes_back_once_in_order_with_times_inside_the_audio()
    {
        const string Text = "Hello world, this is a test of word times. Café naïve señor: 3.50 \"quoted\" (bracketed).";

        var result = await SpeakAsync(Text);

        Assert.Equal(Text.Split(' '), result.Words.Select(w => w.Text));
        Assert.All(result.Words, w => Assert.True(w.Start >= 0 && w.End >= w.Start && w.End <= (double)result.Samples.Length / result.SampleRate + 1e-9, $"{w}"));
        Assert.Equal(result.Words.Select(w => w.Start).Order(), result.Words.Select(w => w.Start));
    }

    // Words far apart (sentence pauses between them), so each word's first sound is the end of a silence.
    [Fact]
    public async Task On_a_spaced_sentence_each_word_starts_within_50_ms_of_an_energy_onset()
    {
        var result = await SpeakAsync("Mary. Lily. Nora. Ella. Emma.");
        var onsets = EnergyOnsets(result.Samples, result.SampleRate);

        Assert.Equal(5, result.Words.Count);
        Assert.Equal(5, onsets.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(Math.Abs(result.Words[i].Start - onsets[i]) <= 0.050,
                $"'{result.Words[i].Text}' starts at {result.Words[i].Start:0.000} s, its sound at {onsets[i]:0.000} s; onsets {string.Join(", ", onsets.Select(o => o.ToString("0.000")))}");
        }
    }

    /// <summary>Where the sound starts again after at least 150 ms below a fiftieth of the loudest 5 ms frame.</summary>
    private static List<double> EnergyOnsets(float[] samples, int sampleRate)
    {
        var frame = (int)(sampleRate * FrameSeconds);
        var energies = Enumerable.Range(0, samples.Length / frame)
            .Select(f => samples.AsSpan(f * frame, frame).ToArray().Sum(s => (double)s * s) / frame)
            .ToList();
        var threshold = energies.Max() / 50;
        var onsets = new List<double>();
        var quiet = int.MaxValue / 2;
        for (var f = 0; f < energies.Count; f++)
        {
            if (energies[f] < threshold)
            {
                quiet++;
                continue;
            }

            if (quiet * FrameSeconds >= 0.150)
            {
                onsets.Add(f * FrameSeconds);
            }

            quiet = 0;
        }

        return onsets;
    }

    private async Task<SynthesisResult> SpeakAsync(string text) =>
        (await fixture.Engine.SynthesizeAsync([new SynthesisRequest(text, "en-us", 1.0)], CancellationToken.None))[0];
}

public sealed class ESpeakWordEventsTests
{
    [Fact]
    public void Tokens_without_an_event_share_the_time_between_their_neighbours_by_length()
    {
        // "It was, as" — eSpeak ran "It was," together: events for "It" (at 0.1 s) and "as" (at 0.5 s) only.
        var words = ESpeakWordEvents.ToWords("It was, as", [(1, 2, 100), (9, 2, 500)], 1.0);

        Assert.Equal(["It", "was,", "as"], words.Select(w => w.Text));
        // "It" and "was," share 0.1..0.5 s by their 2 and 4 characters.
        Assert.Equal([0.1, 0.1 + (0.4 * 2 / 6), 0.5], words.Select(w => Math.Round(w.Start, 9)), new RoundedComparer());
        Assert.Equal(1.0, words[^1].End);
    }

    [Fact]
    public void Events_count_characters_not_utf16_units_and_a_number_read_as_several_words_is_one_word()
    {
        // "😀 3.50 end": the emoji is one character (two UTF-16 units); eSpeak says "three point five zero" for one token.
        var words = ESpeakWordEvents.ToWords("😀 3.50 end", [(3, 1, 200), (4, 1, 300), (5, 2, 400), (8, 3, 900)], 1.2);

        Assert.Equal(["😀", "3.50", "end"], words.Select(w => w.Text));
        Assert.Equal([0, 0.2, 0.9], words.Select(w => Math.Round(w.Start, 9)), new RoundedComparer());
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double value) => 0;
    }
}
