namespace AutoScale.Audio;

/// <summary>
/// What a native encoder writes from inside its callbacks, which cannot await: held in memory until the encoder's
/// next asynchronous call writes it out with <see cref="WriteOutAsync"/>. The encoder may seek back (libFLAC does, to
/// rewrite STREAMINFO when it finishes): bytes not yet written out are overwritten in place, bytes already written out
/// are kept as rewrites that <see cref="RewriteAsync"/> applies to a seekable output.
/// </summary>
/// <remarks>Positions count from the start of what the encoder wrote, whatever the output's position was then.</remarks>
internal sealed class PendingOutput
{
    private readonly List<(long Offset, byte[] Bytes)> _rewrites = [];
    private byte[] _buffer = new byte[16 * 1024];
    private int _count;
    private long _writtenOut;

    /// <summary>Where the encoder writes next.</summary>
    public long Position { get; private set; }

    private long End => _writtenOut + _count;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (Position < _writtenOut)
        {
            var before = (int)Math.Min(bytes.Length, _writtenOut - Position);
            _rewrites.Add((Position, bytes[..before].ToArray()));
            Position += before;
            bytes = bytes[before..];
            if (bytes.IsEmpty)
            {
                return;
            }
        }

        var offset = (int)(Position - _writtenOut);
        if (offset + bytes.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, offset + bytes.Length));
        }

        bytes.CopyTo(_buffer.AsSpan(offset));
        _count = Math.Max(_count, offset + bytes.Length);
        Position += bytes.Length;
    }

    /// <summary>Moves to <paramref name="position"/>, at most the end of what was written.</summary>
    public void Seek(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, End);
        Position = position;
    }

    /// <summary>Writes the held bytes to <paramref name="output"/> where it stands.</summary>
    public async ValueTask WriteOutAsync(Stream output, CancellationToken cancellationToken)
    {
        if (_count > 0)
        {
            await output.WriteAsync(_buffer.AsMemory(0, _count), cancellationToken);
            _writtenOut += _count;
            _count = 0;
        }
    }

    /// <summary>
    /// Writes the held bytes, then applies the rewrites to <paramref name="output"/>, where the encoder's position 0
    /// is <paramref name="origin"/>, and leaves the output at the end.
    /// </summary>
    public async ValueTask RewriteAsync(Stream output, long origin, CancellationToken cancellationToken)
    {
        await WriteOutAsync(output, cancellationToken);
        if (_rewrites.Count == 0)
        {
            return;
        }

        var end = output.Position;
        foreach (var (offset, bytes) in _rewrites)
        {
            output.Position = origin + offset;
            await output.WriteAsync(bytes, cancellationToken);
        }

        output.Position = end;
        _rewrites.Clear();
    }
}
