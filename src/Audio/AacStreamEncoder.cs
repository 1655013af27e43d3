using System.Globalization;

namespace AutoScale.Audio;

/// <summary>
/// AAC-LC in ADTS frames (streamable, no container) with FFmpeg's native <c>aac</c> encoder, run as the ffmpeg program:
/// Debian has no libfdk-aac, and no maintained .NET binding to libavcodec (FFMpegCore drives the same program, but
/// through named pipes that it reads and writes on its own tasks, where an encoder must write only during its calls).
/// Mono at the sample rate written, one of <see cref="MpegSampleRates"/>, <see cref="AudioEncoderOptions.AacBitrate"/>. Each write passes on the frames ffmpeg has given out by
/// then; completion closes ffmpeg's input so that it encodes the last, padded frame, and waits for it to exit.
/// </summary>
/// <remarks>
/// ADTS cannot say how many samples the stream holds, so decoders play AAC's 1024-sample priming at the start and the
/// last frame's padding as silence: up to about 90 ms at 24 kHz.
/// </remarks>
internal sealed class AacStreamEncoder : AudioStreamEncoder
{
    private const int FrameSamples = 1024;

    /// <summary>
    /// What ffmpeg may hold back of the input however long it is given: its raw-input demuxer's packet (1024 samples in
    /// FFmpeg 5; in later versions the power of two nearest below a tenth of a second, 2048 at 22.05 and 24 kHz) and
    /// the encoder's one frame of lookahead, with a frame to spare.
    /// </summary>
    private const int HeldBackSamples = 4 * FrameSamples;

    /// <summary>How long a flush waits for ffmpeg to give out the frames of what was written; the rest goes with the next write.</summary>
    private static readonly TimeSpan _flushWait = TimeSpan.FromSeconds(2);

    private readonly FfmpegEncoderProcess _ffmpeg;
    private readonly PcmStreamEncoder _input;
    private readonly AdtsFrameCounter _frames = new();

    public AacStreamEncoder(int sampleRate, Stream output, long? totalSamples, AudioEncoderOptions options)
        : base(AudioFormat.Aac, sampleRate, output, totalSamples)
    {
        MpegSampleRates.Require(AudioFormat.Aac, sampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AacBitrate, 16_000, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.AacBitrate, 256_000, nameof(options));
        _ffmpeg = new FfmpegEncoderProcess(AudioDependency.Ffmpeg.Location, Arguments(sampleRate, options.AacBitrate));
        _input = new PcmStreamEncoder(sampleRate, _ffmpeg.Input, totalSamples: null);
    }

    /// <summary>The ffmpeg process encoding this file.</summary>
    public int FfmpegProcessId => _ffmpeg.ProcessId;

    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        try
        {
            await _input.WriteAsync(samples, cancellationToken);
        }
        catch (IOException exception)
        {
            throw await _ffmpeg.FailureAsync(exception);
        }

        await DrainAsync(cancellationToken);
    }

    /// <summary>
    /// ffmpeg runs beside this encoder, so the frames of the last write may not be out yet: waits (a little) until
    /// they are, or a stream would hand a listener each piece of audio only with the next.
    /// </summary>
    protected override async ValueTask FlushCoreAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        var due = Math.Max(0, SamplesWritten - HeldBackSamples) / FrameSamples;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(_flushWait);
        try
        {
            while (_frames.Frames < due && await _ffmpeg.WaitForOutputAsync(wait.Token))
            {
                await DrainAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Slower than the wait: those frames go out with the next write.
        }
    }

    protected override async ValueTask CompleteCoreAsync(CancellationToken cancellationToken)
    {
        await _input.CompleteAsync(cancellationToken);
        _ffmpeg.EndInput();
        while (await _ffmpeg.WaitForOutputAsync(cancellationToken))
        {
            await DrainAsync(cancellationToken);
        }

        await _ffmpeg.WaitForExitAsync(cancellationToken);
    }

    protected override async ValueTask ReleaseAsync()
    {
        await _input.DisposeAsync();
        await _ffmpeg.DisposeAsync();
    }

    private static string[] Arguments(int sampleRate, int bitrate) =>
    [
        "-hide_banner", "-loglevel", "error",

        // The input's format is given, so there is nothing to probe: without these ffmpeg reads seconds of it first.
        "-probesize", "32", "-analyzeduration", "0",
        "-f", "s16le", "-ar", sampleRate.ToString(CultureInfo.InvariantCulture), "-ac", "1", "-i", "pipe:0",
        "-c:a", "aac", "-b:a", bitrate.ToString(CultureInfo.InvariantCulture),
        "-f", "adts", "-flush_packets", "1", "pipe:1",
    ];

    private async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        while (_ffmpeg.TryTake(out var bytes))
        {
            _frames.Add(bytes);
            await Output.WriteAsync(bytes, cancellationToken);
        }
    }
}
