using AutoScale.Gateway.Auth.Keys;
using Microsoft.Extensions.Time.Testing;

namespace AutoScale.Gateway.Tests.Auth;

/// <summary>The policy behind <c>last_used_at</c>: a key's use is handed on for writing at most once a minute.</summary>
public sealed class KeyUseRecorderTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static readonly byte[] KeyA = [1, 2, 3];
    private static readonly byte[] KeyB = [4, 5, 6];

    [Fact]
    public void Many_uses_within_a_minute_are_handed_on_once()
    {
        var recorder = new KeyUseRecorder(_time);

        for (var i = 0; i < 100; i++)
        {
            recorder.Record("a", KeyA);
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal([KeyA], recorder.TakePending());
        Assert.Empty(recorder.TakePending());
    }

    [Fact]
    public void A_use_a_minute_after_the_last_noted_one_is_handed_on_again()
    {
        var recorder = new KeyUseRecorder(_time);
        recorder.Record("a", KeyA);
        recorder.TakePending();

        _time.Advance(KeyUseRecorder.Interval - TimeSpan.FromSeconds(1));
        recorder.Record("a", KeyA);
        Assert.Empty(recorder.TakePending());

        _time.Advance(TimeSpan.FromSeconds(1));
        recorder.Record("a", KeyA);
        Assert.Equal([KeyA], recorder.TakePending());
    }

    [Fact]
    public void Each_key_is_noted_on_its_own()
    {
        var recorder = new KeyUseRecorder(_time);

        recorder.Record("a", KeyA);
        recorder.Record("b", KeyB);
        recorder.Record("a", KeyA);

        Assert.Equal(2, recorder.TakePending().Count);
    }
}
