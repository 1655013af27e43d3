using Microsoft.Extensions.Time.Testing;

namespace AutoScale.Silo.Tests.Fakes;

/// <summary>
/// A fake clock that also says when timers are made (every delay and periodic timer is one), so a test advances it
/// only once the code under test is waiting, instead of sleeping and hoping.
/// </summary>
public sealed class ObservedTime() : FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero))
{
    private readonly Signal _timersMade = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timersMade.Raise();
        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> timers have been made in all.</summary>
    public Task TimersMadeAsync(int count) => _timersMade.ReachedAsync(count, "timers to be made");
}
