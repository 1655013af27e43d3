using AutoScale.Grains.Jobs;

namespace AutoScale.Grains.Tests.Jobs;

public sealed class JobPageCursorTests
{
    [Fact]
    public void A_cursor_round_trips_through_its_opaque_form()
    {
        var cursor = new JobPageCursor(new DateTimeOffset(2026, 11, 28, 10, 30, 15, 123, TimeSpan.Zero).AddTicks(4560), Guid.CreateVersion7());

        Assert.True(JobPageCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage!")]
    [InlineData("AAAA")]
    [InlineData("////////////////////////////////")]
    [InlineData("________________________________")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_else_is_not_a_cursor(string value)
    {
        Assert.False(JobPageCursor.TryDecode(value, out var cursor));
        Assert.Null(cursor);
    }
}
