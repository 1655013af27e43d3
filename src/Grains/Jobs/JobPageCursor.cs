using System.Buffers.Binary;
using System.Buffers.Text;

namespace AutoScale.Grains.Jobs;

/// <summary>Where a page of jobs ends: the (created, id) of its last job, carried by clients as an opaque string.</summary>
public sealed record JobPageCursor(DateTimeOffset CreatedAt, Guid Id)
{
    private const int Size = 8 + 16;

    /// <summary>The opaque, URL-safe form.</summary>
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Size];
        BinaryPrimitives.WriteInt64BigEndian(bytes, CreatedAt.UtcTicks);
        Id.TryWriteBytes(bytes[8..]);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Parses a cursor this type encoded; false for anything else.</summary>
    public static bool TryDecode(string value, out JobPageCursor? cursor)
    {
        cursor = null;
        Span<byte> bytes = stackalloc byte[Size];
        if (value.Length != Base64Url.GetEncodedLength(Size)
            || !Base64Url.IsValid(value)
            || Base64Url.DecodeFromChars(value, bytes) != Size)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new JobPageCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..]));
        return true;
    }
}
