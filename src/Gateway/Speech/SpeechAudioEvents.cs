using System.Text;
using System.Text.Json;
using AutoScale.Audio;
using AutoScale.Gateway.Jobs;

namespace AutoScale.Gateway.Speech;

/// <summary>
/// OpenAI's speech streaming format (<c>stream_format: "sse"</c>): server-sent events, one
/// <c>{"type": "speech.audio.delta", "audio": base64}</c> per flush of the encoder (a chunk's audio as it is made), then
/// <c>{"type": "speech.audio.done", "usage": {...}}</c>. The service counts characters, not tokens: <c>input_tokens</c>
/// is the input's characters and <c>output_tokens</c> 0.
/// </summary>
public sealed class SpeechAudioEvents(int inputCharacters) : AudioTarget
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override Stream Start(HttpContext context, AudioFormat format, int sampleRate)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        return new DeltaStream(context.Response.Body);
    }

    public override async ValueTask CompleteAsync(HttpContext context, CancellationToken cancellationToken) =>
        await WriteEventAsync(context.Response.Body, "speech.audio.done", new
        {
            type = "speech.audio.done",
            usage = new { input_tokens = inputCharacters, output_tokens = 0, total_tokens = inputCharacters },
        }, cancellationToken);

    private static async Task WriteEventAsync(Stream body, string type, object data, CancellationToken cancellationToken)
    {
        var text = $"event: {type}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n";
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    /// <summary>Collects what the encoder writes and sends it as one delta event on each flush.</summary>
    private sealed class DeltaStream(Stream body) : Stream
    {
        private readonly MemoryStream _pending = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _pending.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_pending.Length == 0)
            {
                return;
            }

            var audio = Convert.ToBase64String(_pending.GetBuffer(), 0, (int)_pending.Length);
            _pending.SetLength(0);
            await WriteEventAsync(body, "speech.audio.delta", new { type = "speech.audio.delta", audio }, cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _pending.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
