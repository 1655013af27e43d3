using AutoScale.Grains.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Grains.Tests.Cluster;

public sealed class PostgresRemindersTests(RealClockClusterFixture fixture) : IClassFixture<RealClockClusterFixture>
{
    private async Task<int> StoredRemindersAsync(string grainKey)
    {
        await using var command = fixture.Database.CreateCommand(
            "SELECT count(*)::int FROM orleansreminderstable WHERE grain_id LIKE '%' || $1 AND reminder_name = $2");
        command.Parameters.AddWithValue(grainKey);
        command.Parameters.AddWithValue(ReminderProbeGrain.ReminderName);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_reminder_is_stored_fires_repeatedly_and_is_removed_when_unregistered()
    {
        var key = $"probe-{Guid.NewGuid():N}";
        var grain = fixture.Grains.GetGrain<IReminderProbeGrain>(key);

        await grain.StartAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await StoredRemindersAsync(key));
        await Eventually.ReturnsAsync(grain.FiredAsync, fired => fired >= 2, TimeSpan.FromSeconds(30),
            "the reminder to fire twice through the PostgreSQL reminder table");
        await grain.StopAsync();

        Assert.Equal(0, await StoredRemindersAsync(key));
    }
}
