using System.Buffers.Binary;
using System.Text;
using Concentus;
using Concentus.Enums;

namespace AutoScale.Audio;

/// <summary>
/// Ogg/Opus (RFC 7845) with Concentus: mono, 20 ms frames, resampled with Concentus' Speex resampler to the lowest
/// rate Opus takes that keeps the whole band (22050 Hz → 24000 Hz). The resampler and the part-filled frame carry
/// over between writes; completion flushes the resampler, pads the last frame with silence and sets the final
/// granule position so that decoders trim the file to exactly the duration written.
/// </summary>
internal sealed class OpusStreamEncoder : AudioStreamEncoder
{
    /// <summary>Ogg/Opus granule positions always count samples at 48 kHz.</summary>
    private const int GranuleRate = 48_000;
    private const int GranulesPerFrame = GranuleRate / 50;
    private const int InputBlockSamples = 4096;
    private const int MaxPacketBytes = 1275;
    private const int ResamplerQuality = 5;
    private const int MaxIdleResamplerRounds = 64;

    private static readonly int[] _opusRates = [8_000, 12_000, 16_000, 24_000, 48_000];

    private readonly IOpusEncoder _encoder;
    private readonly IResampler? _resampler;
    private readonly OggPageWriter _ogg;
    private readonly int _granulesPerSample;
    private readonly int _preSkip;
    private readonly float[] _frame;
    private readonly float[] _input = new float[InputBlockSamples];
    private readonly float[] _resampled;
    private readonly byte[] _packet = new byte[MaxPacketBytes];
    private int _frameFill;
    private long _framesEncoded;
    private long _audioSamples;

    public OpusStreamEncoder(int sampleRate, Stream output, long? totalSamples, AudioEncoderOptions options)
        : base(AudioFormat.Opus, sampleRate, output, totalSamples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OpusBitrate, 6_000, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.OpusBitrate, 510_000, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OpusComplexity, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.OpusComplexity, 10, nameof(options));

        var opusRate = Array.Find(_opusRates, rate => rate >= sampleRate);
        OpusRate = opusRate > 0 ? opusRate : GranuleRate;
        _granulesPerSample = GranuleRate / OpusRate;
        _encoder = OpusCodecFactory.CreateEncoder(OpusRate, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        _encoder.Bitrate = options.OpusBitrate;
        _encoder.Complexity = options.OpusComplexity;
        _encoder.SignalType = OpusSignal.OPUS_SIGNAL_VOICE;
        _preSkip = _encoder.Lookahead * _granulesPerSample;
        _frame = new float[OpusRate / 50];
        _resampled = [];
        if (sampleRate != OpusRate)
        {
            _resampler = ResamplerFactory.CreateResampler(1, sampleRate, OpusRate, ResamplerQuality, null);

            // Without this the output starts with the filter's delay in zeros and would need trimming at both ends.
            _resampler.SkipZeroes();
            _resampled = new float[(int)((long)InputBlockSamples * OpusRate / sampleRate) + 64];
        }

        _ogg = new OggPageWriter(options.OggSerialNumber ?? Random.Shared.Next());
    }

    /// <summary>The rate the Opus encoder runs at.</summary>
    public int OpusRate { get; }

    /// <summary>Pre-skip at 48 kHz: the encoder's lookahead, which decoders drop from the start.</summary>
    public int PreSkip => _preSkip;

    /// <summary>
    /// Bytes of closed pages not yet written out: none between calls. What else is held back is the open page (at
    /// most a second of packets), the part-filled frame and the resampler's filter state.
    /// </summary>
    public int PendingBytes => _ogg.Pending.Length;

    protected override ValueTask StartAsync(CancellationToken cancellationToken)
    {
        _ogg.AddPacket(OpusHead(), 0);
        _ogg.ClosePage(endOfStream: false);
        _ogg.AddPacket(OpusTags(), 0);
        _ogg.ClosePage(endOfStream: false);
        return DrainAsync(cancellationToken);
    }

    protected override async ValueTask WriteCoreAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken)
    {
        while (!samples.IsEmpty)
        {
            var count = Math.Min(samples.Length, InputBlockSamples);
            var input = _input.AsSpan(0, count);
            PcmConversion.ToFloat(samples.Span[..count], input);
            Resample(input);
            samples = samples[count..];
            if (!_ogg.Pending.IsEmpty)
            {
                await DrainAsync(cancellationToken);
            }
        }
    }

    protected override ValueTask FlushCoreAsync(CancellationToken cancellationToken)
    {
        _ogg.ClosePage(endOfStream: false);
        return DrainAsync(cancellationToken);
    }

    protected override ValueTask CompleteCoreAsync(CancellationToken cancellationToken)
    {
        var duration = ((SamplesWritten * GranuleRate) + (SampleRate / 2)) / SampleRate;
        var end = _preSkip + duration;
        FlushResampler(((duration + _granulesPerSample - 1) / _granulesPerSample) - _audioSamples);

        // Enough frames for the lookahead plus all the audio; the final granule position trims the padding.
        var frames = (end + GranulesPerFrame - 1) / GranulesPerFrame;
        while (_framesEncoded < frames || _frameFill > 0)
        {
            Array.Clear(_frame, _frameFill, _frame.Length - _frameFill);
            _frameFill = _frame.Length;
            EncodeFrame();
        }

        _ogg.ClosePage(endOfStream: true, granulePosition: end);
        return DrainAsync(cancellationToken);
    }

    protected override ValueTask ReleaseAsync()
    {
        _encoder.Dispose();
        _resampler?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Resample(Span<float> input)
    {
        if (_resampler is null)
        {
            AddAudio(input);
            return;
        }

        while (!input.IsEmpty)
        {
            var consumed = input.Length;
            var produced = _resampled.Length;
            _resampler.Process(0, input, ref consumed, _resampled, ref produced);
            if (consumed == 0 && produced == 0)
            {
                throw new InvalidOperationException("The resampler stopped taking samples.");
            }

            AddAudio(_resampled.AsSpan(0, produced));
            input = input[consumed..];
        }
    }

    /// <summary>Feeds silence until the resampler has given out <paramref name="missing"/> more samples.</summary>
    private void FlushResampler(long missing)
    {
        if (_resampler is null)
        {
            return;
        }

        var silence = _input.AsSpan(0, 256);
        silence.Clear();
        for (var idle = 0; missing > 0 && idle < MaxIdleResamplerRounds;)
        {
            var consumed = silence.Length;
            var produced = (int)Math.Min(_resampled.Length, missing);
            _resampler.Process(0, silence, ref consumed, _resampled, ref produced);
            AddAudio(_resampled.AsSpan(0, produced));
            missing -= produced;
            idle = produced == 0 ? idle + 1 : 0;
        }
    }

    private void AddAudio(ReadOnlySpan<float> samples)
    {
        _audioSamples += samples.Length;
        while (!samples.IsEmpty)
        {
            var count = Math.Min(_frame.Length - _frameFill, samples.Length);
            samples[..count].CopyTo(_frame.AsSpan(_frameFill));
            _frameFill += count;
            samples = samples[count..];
            if (_frameFill == _frame.Length)
            {
                EncodeFrame();
            }
        }
    }

    private void EncodeFrame()
    {
        var length = _encoder.Encode(_frame, _frame.Length, _packet, _packet.Length);
        if (length <= 0)
        {
            throw new InvalidOperationException($"The Opus encoder failed with code {length}.");
        }

        _framesEncoded++;
        _frameFill = 0;
        _ogg.AddPacket(_packet.AsSpan(0, length), _framesEncoded * GranulesPerFrame);
    }

    private async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        if (!_ogg.Pending.IsEmpty)
        {
            await Output.WriteAsync(_ogg.Pending, cancellationToken);
            _ogg.ClearPending();
        }
    }

    private byte[] OpusHead()
    {
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1;
        head[9] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), (ushort)_preSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), (uint)SampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(head.AsSpan(16), 0);
        head[18] = 0;
        return head;
    }

    private byte[] OpusTags()
    {
        var vendor = Encoding.UTF8.GetBytes(_encoder.GetVersionString());
        var tags = new byte[8 + 4 + vendor.Length + 4];
        "OpusTags"u8.CopyTo(tags);
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(8), (uint)vendor.Length);
        vendor.CopyTo(tags.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(12 + vendor.Length), 0);
        return tags;
    }
}
