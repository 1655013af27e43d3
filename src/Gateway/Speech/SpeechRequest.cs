using System.Text.Json.Serialization;

namespace AutoScale.Gateway.Speech;

/// <summary>The body of <c>POST /v1/audio/speech</c>, in OpenAI's schema (snake_case).</summary>
public sealed record SpeechRequest
{
    /// <summary>An OpenAI model name (<c>tts-1</c>, <c>tts-1-hd</c>, <c>gpt-4o-mini-tts</c>) or a catalogue model id; the catalogue's default when absent.</summary>
    public string? Model { get; init; }

    /// <summary>What to speak: 1 to 4096 characters.</summary>
    public string? Input { get; init; }

    /// <summary>An OpenAI voice name (<c>alloy</c>, <c>nova</c>, ...) or one of the model's own voices; the model's default when absent.</summary>
    public string? Voice { get; init; }

    /// <summary>
    /// <c>mp3</c> (the default, as OpenAI's), <c>opus</c>, <c>aac</c>, <c>flac</c>, <c>wav</c> or <c>pcm</c>, all at 24 kHz as
    /// OpenAI's; or <c>json</c>: the audio as base64 WAV with its words' times (see <see cref="Timestamps"/>).
    /// </summary>
    [JsonPropertyName("response_format")]
    public string? ResponseFormat { get; init; }

    /// <summary>0.25 to 4.0; default 1.0.</summary>
    public double? Speed { get; init; }

    /// <summary>Accepted for compatibility and ignored: the engines take no style prompt.</summary>
    public string? Instructions { get; init; }

    /// <summary><c>audio</c> (default): the file itself, streamed; <c>sse</c>: OpenAI's <c>speech.audio.delta</c> events, then <c>speech.audio.done</c>.</summary>
    [JsonPropertyName("stream_format")]
    public string? StreamFormat { get; init; }

    /// <summary>
    /// An extension (Kokoro-FastAPI's captioned speech): when true, the answer is JSON, <c>{audio: base64, format,
    /// sample_rate, words: [{word, start, end}]}</c>, once the speech is complete.
    /// </summary>
    public bool? Timestamps { get; init; }
}
