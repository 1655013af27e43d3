using System.Runtime.InteropServices;

namespace AutoScale.Audio;

/// <summary>
/// FLAC with libFLAC's stream encoder: 16-bit mono at the sample rate written, compression level
/// <see cref="AudioEncoderOptions.FlacCompressionLevel"/> (5: 4096-sample frames). Every write passes on the frames
/// libFLAC has finished; completion encodes the last, shorter frame.
/// </summary>
/// <remarks>
/// On a seekable output libFLAC goes back at the end and fills STREAMINFO with the total samples, the frame sizes and
/// the MD5 of the audio, which <c>flac -t</c> checks. Streamed to an output that cannot seek, STREAMINFO keeps what
/// was known at the start: the promised total, or 0 ("unknown", which the format allows), and no MD5.
/// </remarks>
internal sealed class FlacStreamEncoder : AudioStreamEncoder
{
    private const int BlockSamples = 4096;

    private readonly FlacEncoderHandle _flac;
    private readonly PendingOutput _pending = new();
    private readonly int[] _block = new int[BlockSamples];
    private GCHandle<FlacStreamEncoder> _self;
    private long _origin;
    private Exception? _callbackFailure;

    public unsafe FlacStreamEncoder(int sampleRate, Stream output, long? totalSamples, AudioEncoderOptions options)
        : base(AudioFormat.Flac, sampleRate, output, totalSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FlacCompressionLevel, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.FlacCompressionLevel, 8, nameof(options));
        _ = AudioDependency.Flac.Location;
        _flac = FlacNative.New();
        if (_flac.IsInvalid)
        {
            _flac.Dispose();
            throw new InvalidOperationException("libFLAC's FLAC__stream_encoder_new returned no encoder.");
        }

        _self = new GCHandle<FlacStreamEncoder>(this);
        try
        {
            FlacNative.Check(_flac, FlacNative.SetChannels(_flac, 1), "set_channels");
            FlacNative.Check(_flac, FlacNative.SetBitsPerSample(_flac, 16), "set_bits_per_sample");
            FlacNative.Check(_flac, FlacNative.SetSampleRate(_flac, (uint)sampleRate), "set_sample_rate");
            FlacNative.Check(_flac, FlacNative.SetCompressionLevel(_flac, (uint)options.FlacCompressionLevel), "set_compression_level");
            FlacNative.Check(_flac, FlacNative.SetTotalSamplesEstimate(_flac, (ulong)(totalSamples ?? 0)), "set_total_samples_estimate");
            var seekable = output.CanSeek;
            var status = FlacNative.InitStream(
                _flac,
                &OnWrite,
                seekable ? &OnSeek : null,
                seekable ? &OnTell : null,
                null,
                GCHandle<FlacStreamEncoder>.ToIntPtr(_self));
            if (status != FlacNative.InitStatusOk)
            {
                throw new InvalidOperationException($"libFLAC's FLAC__stream_encoder_init_stream failed with status {status}.");
            }
        }
        catch
        {
            _flac.Dispose();
            _self.Dispose();
            throw;
        }
    }

    protected override ValueTask StartAsync(CancellationToken cancellationToken)
    {
        // The stream's header and metadata, which init wrote.
        _origin = Output.CanSeek ? Output.Position : 0;
        return _pending.WriteOutAsync(Output, cancellationToken);
    }

    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        while (!samples.IsEmpty)
        {
            var count = Math.Min(samples.Length, BlockSamples);
            Process(samples.Span[..count]);
            await _pending.WriteOutAsync(Output, cancellationToken);
            samples = samples[count..];
        }
    }

    protected override ValueTask CompleteCoreAsync(CancellationToken cancellationToken)
    {
        Call(FlacNative.Finish(_flac), "finish");
        return _pending.RewriteAsync(Output, _origin, cancellationToken);
    }

    protected override ValueTask ReleaseAsync()
    {
        // Deleting an unfinished encoder finishes it, which calls back: the handle must outlive it.
        _flac.Dispose();
        _self.Dispose();
        return ValueTask.CompletedTask;
    }

    private unsafe void Process(ReadOnlySpan<short> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            _block[i] = samples[i];
        }

        fixed (int* block = _block)
        {
            Call(FlacNative.ProcessInterleaved(_flac, block, (uint)samples.Length), "process_interleaved");
        }
    }

    private void Call(int result, string call)
    {
        if (_callbackFailure is { } failure)
        {
            throw new InvalidOperationException($"libFLAC's {call} failed in a callback.", failure);
        }

        FlacNative.Check(_flac, result, call);
    }

    private static FlacStreamEncoder From(nint clientData) => GCHandle<FlacStreamEncoder>.FromIntPtr(clientData).Target;

    [UnmanagedCallersOnly]
    private static unsafe int OnWrite(nint encoder, byte* buffer, nuint bytes, uint samples, uint currentFrame, nint clientData)
    {
        var self = From(clientData);
        try
        {
            self._pending.Write(new ReadOnlySpan<byte>(buffer, checked((int)bytes)));
            return FlacNative.WriteStatusOk;
        }
        catch (Exception exception)
        {
            self._callbackFailure ??= exception;
            return FlacNative.WriteStatusFatalError;
        }
    }

    [UnmanagedCallersOnly]
    private static int OnSeek(nint encoder, ulong offset, nint clientData)
    {
        var self = From(clientData);
        try
        {
            self._pending.Seek(checked((long)offset));
            return FlacNative.SeekStatusOk;
        }
        catch (Exception exception)
        {
            self._callbackFailure ??= exception;
            return FlacNative.SeekStatusError;
        }
    }

    [UnmanagedCallersOnly]
    private static unsafe int OnTell(nint encoder, ulong* offset, nint clientData)
    {
        *offset = (ulong)From(clientData)._pending.Position;
        return FlacNative.TellStatusOk;
    }
}
