namespace AutoScale.Grains.Tests.Cluster;

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    // Kept across activations: a reminder wakes a new activation when the old one was collected.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Fired = new();

    public async Task StartAsync(TimeSpan period) =>
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMilliseconds(100), period);

    public async Task StopAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> FiredAsync() => Task.FromResult(Fired.GetValueOrDefault(this.GetPrimaryKeyString()));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Fired.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}
