using System.Buffers;
using System.Buffers.Binary;

namespace AutoScale.Audio;

/// <summary>
/// Packs the packets of one logical Ogg stream into pages (RFC 3533). A packet never spans pages; a page closes when
/// the next packet would not fit or it already holds <see cref="MaxPacketsPerPage"/>. Closed pages accumulate in
/// <see cref="Pending"/> until the caller writes them out and calls <see cref="ClearPending"/>.
/// </summary>
internal sealed class OggPageWriter
{
    /// <summary>50 packets of 20 ms: a page per second, which bounds both overhead and progressive-download delay.</summary>
    public const int MaxPacketsPerPage = 50;

    private const int HeaderSize = 27;
    private const int MaxSegments = 255;
    private const byte FirstPageFlag = 0x02;
    private const byte LastPageFlag = 0x04;

    private readonly int _serialNumber;
    private readonly byte[] _segments = new byte[MaxSegments];
    private readonly byte[] _body = new byte[MaxSegments * 255];
    private readonly ArrayBufferWriter<byte> _pending = new(HeaderSize + MaxSegments + (MaxSegments * 255));
    private int _segmentCount;
    private int _bodyLength;
    private int _packetCount;
    private long _granulePosition;
    private uint _sequence;

    public OggPageWriter(int serialNumber)
    {
        _serialNumber = serialNumber;
    }

    /// <summary>Closed pages not yet written out.</summary>
    public ReadOnlyMemory<byte> Pending => _pending.WrittenMemory;

    /// <summary>Whether the open page holds any packet.</summary>
    public bool HasOpenPage => _packetCount > 0;

    /// <summary>Pages written so far, including the open one if it holds a packet.</summary>
    public long PageCount => _sequence + (HasOpenPage ? 1 : 0);

    public void ClearPending() => _pending.ResetWrittenCount();

    /// <summary>Adds a packet; <paramref name="granulePosition"/> is the stream's position once it is decoded.</summary>
    public void AddPacket(ReadOnlySpan<byte> packet, long granulePosition)
    {
        var lacing = (packet.Length / 255) + 1;
        if (lacing > MaxSegments)
        {
            throw new ArgumentException($"A packet of {packet.Length} bytes does not fit one Ogg page.", nameof(packet));
        }

        if (_packetCount == MaxPacketsPerPage || _segmentCount + lacing > MaxSegments)
        {
            ClosePage(endOfStream: false);
        }

        for (var i = 0; i < lacing - 1; i++)
        {
            _segments[_segmentCount++] = 255;
        }

        _segments[_segmentCount++] = (byte)(packet.Length % 255);
        packet.CopyTo(_body.AsSpan(_bodyLength));
        _bodyLength += packet.Length;
        _packetCount++;
        _granulePosition = granulePosition;
    }

    /// <summary>
    /// Closes the open page, if it holds a packet, into <see cref="Pending"/>. For the last page,
    /// <paramref name="endOfStream"/> sets its flag and <paramref name="granulePosition"/> may replace the position
    /// of its last packet (Opus end trimming).
    /// </summary>
    public void ClosePage(bool endOfStream, long? granulePosition = null)
    {
        if (_packetCount == 0)
        {
            return;
        }

        var flags = (byte)((_sequence == 0 ? FirstPageFlag : 0) | (endOfStream ? LastPageFlag : 0));
        var length = HeaderSize + _segmentCount + _bodyLength;
        var page = _pending.GetSpan(length)[..length];
        "OggS"u8.CopyTo(page);
        page[4] = 0;
        page[5] = flags;
        BinaryPrimitives.WriteInt64LittleEndian(page[6..], granulePosition ?? _granulePosition);
        BinaryPrimitives.WriteInt32LittleEndian(page[14..], _serialNumber);
        BinaryPrimitives.WriteUInt32LittleEndian(page[18..], _sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(page[22..], 0);
        page[26] = (byte)_segmentCount;
        _segments.AsSpan(0, _segmentCount).CopyTo(page[HeaderSize..]);
        _body.AsSpan(0, _bodyLength).CopyTo(page[(HeaderSize + _segmentCount)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(page[22..], OggCrc.Update(0, page));
        _pending.Advance(length);

        _sequence++;
        _segmentCount = 0;
        _bodyLength = 0;
        _packetCount = 0;
    }
}
