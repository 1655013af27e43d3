namespace AutoScale.Audio;

/// <summary>
/// MP3 (MPEG-1/2 Layer III) with LAME: mono, constant bitrate (<see cref="AudioEncoderOptions.Mp3Bitrate"/>), at the
/// sample rate written, which must be one MP3 has. Every write passes on the whole frames LAME has made of it;
/// completion flushes LAME, which pads the last frame with silence, so no frame is cut short.
/// </summary>
/// <remarks>
/// On a seekable output (a finished file) the first frame is LAME's info tag (Xing "Info" for constant bitrate),
/// written at completion with the frame count, the encoder delay and the padding: gapless decoders (mpg123, FFmpeg,
/// browsers) then give back exactly the samples written, and players know the duration at once. Streamed to an output
/// that cannot seek there is no tag (its placeholder could never be filled), and decoders play LAME's delay (about
/// 1100 samples) and the last frame's padding as silence.
/// </remarks>
internal sealed class Mp3StreamEncoder : AudioStreamEncoder
{
    /// <summary>
    /// LAME's algorithm quality, 0 (best, slowest) to 9: 2 is "near-best quality, not too slow" per lame.h, and costs
    /// about 0.36 CPU seconds a minute of speech here (<c>AutoScale.Bench encoders</c>), so nothing is gained by less.
    /// </summary>
    private const int Quality = 2;
    private const int BlockSamples = 4096;

    private readonly LameHandle _lame;
    private readonly byte[] _encoded = new byte[LameNative.MaxOutputBytes(BlockSamples)];
    private readonly PendingOutput _pending = new();
    private readonly bool _writesTag;
    private long _origin;

    public Mp3StreamEncoder(int sampleRate, Stream output, long? totalSamples, AudioEncoderOptions options)
        : base(AudioFormat.Mp3, sampleRate, output, totalSamples)
    {
        MpegSampleRates.Require(AudioFormat.Mp3, sampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Mp3Bitrate, 8_000, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Mp3Bitrate, 320_000, nameof(options));
        if (options.Mp3Bitrate % 1000 != 0)
        {
            throw new ArgumentException("The MP3 bitrate is a whole number of kbit/s.", nameof(options));
        }

        _ = AudioDependency.Lame.Location;
        _writesTag = output.CanSeek;
        _lame = LameNative.Init();
        if (_lame.IsInvalid)
        {
            _lame.Dispose();
            throw new InvalidOperationException("LAME's lame_init returned no encoder.");
        }

        try
        {
            LameNative.Check(LameNative.SetInputSampleRate(_lame, sampleRate), "lame_set_in_samplerate");
            LameNative.Check(LameNative.SetOutputSampleRate(_lame, sampleRate), "lame_set_out_samplerate");
            LameNative.Check(LameNative.SetChannels(_lame, 1), "lame_set_num_channels");
            LameNative.Check(LameNative.SetMode(_lame, LameNative.ModeMono), "lame_set_mode");
            LameNative.Check(LameNative.SetBitrate(_lame, options.Mp3Bitrate / 1000), "lame_set_brate");
            LameNative.Check(LameNative.SetQuality(_lame, Quality), "lame_set_quality");
            LameNative.Check(LameNative.SetWriteInfoTag(_lame, _writesTag ? 1 : 0), "lame_set_bWriteVbrTag");
            LameNative.Check(LameNative.InitParams(_lame), "lame_init_params");
        }
        catch
        {
            _lame.Dispose();
            throw;
        }
    }

    protected override ValueTask StartAsync(CancellationToken cancellationToken)
    {
        _origin = _writesTag ? Output.Position : 0;
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        while (!samples.IsEmpty)
        {
            var count = Math.Min(samples.Length, BlockSamples);
            _pending.Write(_encoded.AsSpan(0, Encode(samples.Span[..count])));
            await _pending.WriteOutAsync(Output, cancellationToken);
            samples = samples[count..];
        }
    }

    protected override ValueTask CompleteCoreAsync(CancellationToken cancellationToken)
    {
        _pending.Write(_encoded.AsSpan(0, Flush()));
        if (_writesTag)
        {
            _pending.Seek(0);
            _pending.Write(LameTag());
        }

        return _pending.RewriteAsync(Output, _origin, cancellationToken);
    }

    protected override ValueTask ReleaseAsync()
    {
        _lame.Dispose();
        return ValueTask.CompletedTask;
    }

    private unsafe int Encode(ReadOnlySpan<short> samples)
    {
        fixed (short* input = samples)
        fixed (byte* output = _encoded)
        {
            // Mono: LAME reads only the left channel.
            return LameNative.Check(
                LameNative.EncodeBuffer(_lame, input, input, samples.Length, output, _encoded.Length), "lame_encode_buffer");
        }
    }

    private unsafe int Flush()
    {
        fixed (byte* output = _encoded)
        {
            return LameNative.Check(LameNative.EncodeFlush(_lame, output, _encoded.Length), "lame_encode_flush");
        }
    }

    /// <summary>The finished tag frame, to replace the placeholder that LAME began the stream with.</summary>
    private unsafe ReadOnlySpan<byte> LameTag()
    {
        fixed (byte* output = _encoded)
        {
            var size = (int)LameNative.GetLameTagFrame(_lame, output, (nuint)_encoded.Length);
            return size is > 0 && size <= _encoded.Length
                ? _encoded.AsSpan(0, size)
                : throw new InvalidOperationException($"LAME's lame_get_lametag_frame gave {size} bytes.");
        }
    }
}
