using AutoScale.Audio;

namespace AutoScale.Gateway.Jobs;

/// <summary>
/// Where progressive audio goes: the response body as the file itself (<see cref="FileBody"/>), or OpenAI's SSE
/// events carrying it in base64 (<see cref="Speech.SpeechAudioEvents"/>). <see cref="Start"/> is called once, with the first
/// chunk, so an error can still be answered before it.
/// </summary>
public abstract class AudioTarget
{
    /// <summary>The response's headers for audio of <paramref name="format"/> at <paramref name="sampleRate"/>; the stream the encoder writes to.</summary>
    public abstract Stream Start(HttpContext context, AudioFormat format, int sampleRate);

    /// <summary>After the file's last bytes.</summary>
    public virtual ValueTask CompleteAsync(HttpContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The file as the body, with its own content type.</summary>
    public static AudioTarget FileBody { get; } = new FileBodyTarget();

    private sealed class FileBodyTarget : AudioTarget
    {
        public override Stream Start(HttpContext context, AudioFormat format, int sampleRate)
        {
            context.Response.ContentType = format.ContentType(sampleRate);
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.Body;
        }
    }
}
