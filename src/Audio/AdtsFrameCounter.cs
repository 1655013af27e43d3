namespace AutoScale.Audio;

/// <summary>
/// Counts the ADTS frames of an AAC stream that arrives in pieces. Each frame begins with a header whose 12-bit sync
/// word is all ones and whose 13-bit length, from byte 3 to byte 5, covers the whole frame, header included.
/// </summary>
internal sealed class AdtsFrameCounter
{
    private const int HeaderBytes = 6;

    private readonly byte[] _header = new byte[HeaderBytes];
    private int _headerFill;
    private int _frameLeft;

    public long Frames { get; private set; }

    /// <exception cref="InvalidDataException">The bytes are not ADTS frames.</exception>
    public void Add(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_frameLeft > 0)
            {
                var skipped = Math.Min(_frameLeft, bytes.Length);
                _frameLeft -= skipped;
                bytes = bytes[skipped..];
                continue;
            }

            var taken = Math.Min(HeaderBytes - _headerFill, bytes.Length);
            bytes[..taken].CopyTo(_header.AsSpan(_headerFill));
            _headerFill += taken;
            bytes = bytes[taken..];
            if (_headerFill == HeaderBytes)
            {
                _headerFill = 0;
                _frameLeft = FrameLength() - HeaderBytes;
                Frames++;
            }
        }
    }

    private int FrameLength()
    {
        if (_header[0] != 0xFF || (_header[1] & 0xF0) != 0xF0)
        {
            throw new InvalidDataException($"ADTS frame {Frames} does not begin with the sync word.");
        }

        var length = ((_header[3] & 0x03) << 11) | (_header[4] << 3) | (_header[5] >> 5);
        return length >= 7 ? length : throw new InvalidDataException($"ADTS frame {Frames} claims {length} bytes.");
    }
}
