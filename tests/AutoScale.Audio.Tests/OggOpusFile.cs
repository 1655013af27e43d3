using System.Buffers.Binary;
using System.Text;

namespace AutoScale.Audio.Tests;

/// <summary>An Ogg/Opus file checked against RFC 7845's structure, and what it says about itself.</summary>
internal sealed class OggOpusFile
{
    private OggOpusFile(IReadOnlyList<OggPage> pages)
    {
        Pages = pages;
        var head = pages[0].Packets[0];
        PreSkip = BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(10));
        InputSampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(12));
        var tags = pages[1].Packets[0];
        Vendor = Encoding.UTF8.GetString(tags, 12, (int)BinaryPrimitives.ReadUInt32LittleEndian(tags.AsSpan(8)));
    }

    public IReadOnlyList<OggPage> Pages { get; }

    public int PreSkip { get; }

    public int InputSampleRate { get; }

    public string Vendor { get; }

    public IEnumerable<byte[]> AudioPackets => Pages.Skip(2).SelectMany(page => page.Packets);

    /// <summary>The duration the file plays for, in 48 kHz samples: final granule position less the pre-skip.</summary>
    public long Duration48 => Pages[^1].GranulePosition - PreSkip;

    /// <summary>Parses and asserts the structure: header pages, flags, sequence, serial, checksums, granule order.</summary>
    public static OggOpusFile Parse(byte[] file)
    {
        Assert.True(file.AsSpan().StartsWith("OggS"u8), "The file does not start with OggS.");
        var pages = OggReader.Pages(file);
        Assert.True(pages.Count >= 3, $"Expected the two header pages and audio, got {pages.Count} pages.");

        var head = Assert.Single(pages[0].Packets);
        Assert.Equal("OpusHead"u8.ToArray(), head[..8]);
        Assert.Equal(19, head.Length);
        Assert.Equal(1, head[8]);
        Assert.Equal(1, head[9]);
        Assert.Equal(0, head[18]);
        Assert.Equal(0, pages[0].GranulePosition);
        var tags = Assert.Single(pages[1].Packets);
        Assert.Equal("OpusTags"u8.ToArray(), tags[..8]);
        Assert.Equal(0, pages[1].GranulePosition);

        var previousGranule = 0L;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            Assert.Equal(page.Checksum, page.ComputedChecksum);
            Assert.Equal((uint)i, page.Sequence);
            Assert.Equal(pages[0].SerialNumber, page.SerialNumber);
            Assert.Equal(i == 0, page.IsFirst);
            Assert.Equal(i == pages.Count - 1, page.IsLast);
            Assert.False(page.ContinuesPacket);
            if (i >= 2)
            {
                Assert.NotEmpty(page.Packets);
                Assert.True(
                    page.GranulePosition > previousGranule,
                    $"Page {i} has granule position {page.GranulePosition}, not after {previousGranule}.");
                previousGranule = page.GranulePosition;
            }
        }

        return new OggOpusFile(pages);
    }
}
