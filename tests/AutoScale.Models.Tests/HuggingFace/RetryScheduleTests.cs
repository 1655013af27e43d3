namespace AutoScale.Models.Tests.HuggingFace;

public sealed class RetryScheduleTests
{
    [Fact]
    public void Waits_double_from_the_first_delay_up_to_the_longest()
    {
        var schedule = new RetrySchedule(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));

        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(retry => schedule.DelayBefore(retry).TotalSeconds));
    }

    [Fact]
    public void A_request_is_tried_again_as_many_times_as_the_retries()
    {
        var schedule = new RetrySchedule(2, TimeSpan.Zero, TimeSpan.Zero);

        Assert.Equal([true, true, false], new[] { 1, 2, 3 }.Select(schedule.AllowsAnotherTry));
    }
}
