using System.Buffers.Binary;

namespace AutoScale.Audio.Tests;

/// <summary>
/// A strict Ogg page parser for checking the encoder, with its own bit-by-bit CRC rather than the encoder's table.
/// Only for streams whose packets never span pages, as the encoder writes them.
/// </summary>
internal static class OggReader
{
    public static IReadOnlyList<OggPage> Pages(byte[] file)
    {
        var pages = new List<OggPage>();
        var position = 0;
        while (position < file.Length)
        {
            Assert.True(file.Length - position >= 27, $"A page header at {position} is cut short.");
            Assert.Equal("OggS"u8.ToArray(), file[position..(position + 4)]);
            Assert.Equal(0, file[position + 4]);
            var segmentCount = file[position + 26];
            var lacing = file.AsSpan(position + 27, segmentCount);
            var bodyStart = position + 27 + segmentCount;
            var packets = new List<byte[]>();
            var packetStart = bodyStart;
            var packetLength = 0;
            foreach (var value in lacing)
            {
                packetLength += value;
                if (value < 255)
                {
                    packets.Add(file[packetStart..(packetStart + packetLength)]);
                    packetStart += packetLength;
                    packetLength = 0;
                }
            }

            Assert.True(packetLength == 0, $"The page at {position} ends inside a packet.");
            var end = packetStart;
            var page = file[position..end];
            var stored = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(22));
            page[22] = page[23] = page[24] = page[25] = 0;
            pages.Add(new OggPage(
                Flags: file[position + 5],
                GranulePosition: BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(position + 6)),
                SerialNumber: BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position + 14)),
                Sequence: BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position + 18)),
                Checksum: stored,
                ComputedChecksum: Crc(page),
                Packets: packets));
            position = end;
        }

        return pages;
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0;
        foreach (var b in bytes)
        {
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
            }
        }

        return crc;
    }
}
