using System.Buffers;

namespace AutoScale.Audio;

/// <summary>What every encoder shares: state checks, float input, the promised total, the header sent once.</summary>
internal abstract class AudioStreamEncoder : IAudioStreamEncoder
{
    private const int FloatBlockSamples = 4096;
    private short[]? _floatBlock;
    private bool _started;
    private bool _completed;
    private bool _disposed;

    protected AudioStreamEncoder(AudioFormat format, int sampleRate, Stream output, long? totalSamples)
    {
        Format = format;
        SampleRate = sampleRate;
        Output = output;
        TotalSamples = totalSamples;
    }

    public AudioFormat Format { get; }

    public int SampleRate { get; }

    public virtual int InputSampleRate => SampleRate;

    public long SamplesWritten { get; private set; }

    protected Stream Output { get; }

    protected long? TotalSamples { get; }

    public async ValueTask WriteAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken = default)
    {
        EnsureWritable(samples.Length);
        await EnsureStartedAsync(cancellationToken);
        if (!samples.IsEmpty)
        {
            await WriteCoreAsync(samples, cancellationToken);
            SamplesWritten += samples.Length;
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken = default)
    {
        EnsureWritable(samples.Length);
        _floatBlock ??= ArrayPool<short>.Shared.Rent(FloatBlockSamples);
        do
        {
            var count = Math.Min(samples.Length, FloatBlockSamples);
            PcmConversion.ToInt16(samples.Span[..count], _floatBlock);
            await WriteAsync(_floatBlock.AsMemory(0, count), cancellationToken);
            samples = samples[count..];
        }
        while (!samples.IsEmpty);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        await EnsureStartedAsync(cancellationToken);
        await FlushCoreAsync(cancellationToken);
        await Output.FlushAsync(cancellationToken);
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        if (TotalSamples is { } total && SamplesWritten != total)
        {
            throw new InvalidOperationException(
                $"The file was announced with {total} samples but {SamplesWritten} were written.");
        }

        await EnsureStartedAsync(cancellationToken);
        _completed = true;
        await CompleteCoreAsync(cancellationToken);
        await Output.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Returns the buffers and ends what the encoder holds (a native encoder, a child process). Does not complete the
    /// file: an encoder disposed unfinished leaves it cut short.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (_floatBlock is not null)
            {
                ArrayPool<short>.Shared.Return(_floatBlock);
                _floatBlock = null;
            }

            await ReleaseAsync();
        }
    }

    /// <summary>Writes what comes before the first sample; called once, before anything else is written.</summary>
    protected virtual ValueTask StartAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    protected abstract ValueTask WriteCoreAsync(ReadOnlyMemory<short> samples, CancellationToken cancellationToken);

    protected virtual ValueTask FlushCoreAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    protected virtual ValueTask CompleteCoreAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    protected virtual ValueTask ReleaseAsync() => ValueTask.CompletedTask;

    private ValueTask EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            return ValueTask.CompletedTask;
        }

        _started = true;
        return StartAsync(cancellationToken);
    }

    private void EnsureWritable(int samples = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The file is complete; nothing more can be written.");
        }

        if (SamplesWritten + samples > TotalSamples)
        {
            throw new InvalidOperationException(
                $"The file was announced with {TotalSamples} samples; {SamplesWritten + samples} would exceed it.");
        }
    }
}
