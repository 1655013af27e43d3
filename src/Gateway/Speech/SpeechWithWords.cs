using System.Text.Json.Serialization;
using AutoScale.Audio;
using AutoScale.Gateway.Captions;
using AutoScale.Grains.Jobs;

namespace AutoScale.Gateway.Speech;

/// <summary>
/// The answer to a speech request with <c>timestamps</c> (or <c>response_format: json</c>): the audio as base64 in its
/// format, and every word with its start and end in that audio, in seconds (what Kokoro-FastAPI's captioned speech gives).
/// </summary>
public sealed record SpeechWithWords(
    string Audio,
    string Format,
    [property: JsonPropertyName("sample_rate")] int SampleRate,
    IReadOnlyList<SpeechWord> Words)
{
    public static async Task<SpeechWithWords> OfAsync(Guid jobId, CapturedAudio audio, JobStore store, CancellationToken cancellationToken)
    {
        var (words, _) = JobWords.Of(await store.LoadFinishedChunksAsync(jobId, cancellationToken));
        return new SpeechWithWords(
            Convert.ToBase64String(audio.Bytes), audio.Format.WireName, audio.SampleRate,
            [.. words.Select(w => new SpeechWord(w.Word, Math.Round(w.Start, 3), Math.Round(w.End, 3)))]);
    }
}

/// <summary>A word and when it is spoken, in seconds from the start of the audio.</summary>
public sealed record SpeechWord(string Word, double Start, double End);
