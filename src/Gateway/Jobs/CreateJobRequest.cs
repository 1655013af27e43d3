using System.Text.Json;

namespace AutoScale.Gateway.Jobs;

/// <summary>The body of <c>POST /v1/jobs</c>. Only <c>text</c> is required.</summary>
public sealed record CreateJobRequest
{
    /// <summary>What to speak: any length up to <c>Jobs:MaxCharacters</c>.</summary>
    public string? Text { get; init; }

    /// <summary>A voice of the model (see <c>GET /v1/voices</c>); the model's default when absent.</summary>
    public string? Voice { get; init; }

    /// <summary>A model id (see <c>GET /v1/models</c>); the catalogue's default when absent.</summary>
    public string? Model { get; init; }

    /// <summary><c>wav</c> (default), <c>mp3</c>, <c>opus</c>, <c>aac</c>, <c>flac</c> or <c>pcm</c>.</summary>
    public string? Format { get; init; }

    /// <summary>The sample rate to deliver the audio at (8000 … 48000, see <see cref="AudioFormats.SampleRates"/>); the engine's own when absent.</summary>
    public int? SampleRate { get; init; }

    /// <summary>0.25 to 4.0; default 1.0.</summary>
    public double? Speed { get; init; }

    /// <summary><c>interactive</c>, <c>normal</c> (default) or <c>batch</c>.</summary>
    public string? Priority { get; init; }

    /// <summary>An absolute http(s) URL called when the job ends.</summary>
    public string? WebhookUrl { get; init; }

    /// <summary>Any JSON object, returned with the job.</summary>
    public JsonElement? Metadata { get; init; }
}
