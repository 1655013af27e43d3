namespace AutoScale.Audio.Tests;

/// <summary>One Ogg page as parsed by <see cref="OggReader"/>.</summary>
internal sealed record OggPage(
    byte Flags,
    long GranulePosition,
    int SerialNumber,
    uint Sequence,
    uint Checksum,
    uint ComputedChecksum,
    IReadOnlyList<byte[]> Packets)
{
    public bool IsFirst => (Flags & 0x02) != 0;

    public bool IsLast => (Flags & 0x04) != 0;

    public bool ContinuesPacket => (Flags & 0x01) != 0;
}
