using AutoScale.Gateway.Operators;
using AutoScale.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoScale.Gateway.Tests.Operators;

/// <summary>The /ops history in PostgreSQL, as several gateways write it.</summary>
public sealed class FleetHistoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource _database = null!;

    public async Task InitializeAsync() => _database = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync("fleethistory"));

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private FleetHistory History(int sampleSeconds = 5, int historyMinutes = 60) =>
        new(_database, Options.Create(new OperatorOptions { SampleSeconds = sampleSeconds, HistoryMinutes = historyMinutes }));

    private static FleetSample At(double seconds, int queued = 0) =>
        new(Start.AddSeconds(seconds), 0.36m, [new PoolSample("espeak", queued, 1, 2.5, 0, 1, 0)]);

    [Fact]
    public async Task Two_gateways_sampling_in_one_slot_keep_one_sample_the_first()
    {
        var first = History();
        var second = History();

        Assert.True(await first.AddAsync(At(10.2, queued: 7)));
        Assert.False(await second.AddAsync(At(13.9, queued: 9)));
        Assert.True(await second.AddAsync(At(15.1, queued: 3)));

        var samples = await first.SinceAsync(Start);
        Assert.Equal([7, 3], samples.Select(s => s.Pools.Single().Queued));
        Assert.Equal(samples, await second.SinceAsync(Start), new SampleComparer());
    }

    [Fact]
    public async Task Since_keeps_only_the_samples_in_the_window_oldest_first_with_their_pools()
    {
        var history = History();
        foreach (var seconds in new[] { 120, 0, 60 })
        {
            await history.AddAsync(At(seconds, queued: seconds));
        }

        var samples = await history.SinceAsync(Start.AddSeconds(60));
        Assert.Equal([Start.AddSeconds(60), Start.AddSeconds(120)], samples.Select(s => s.At));
        Assert.Equal(new PoolSample("espeak", 120, 1, 2.5, 0, 1, 0), samples[1].Pools.Single());
        Assert.Equal(0.36m, samples[1].CostPerHourUsd);
    }

    [Fact]
    public async Task Pruning_deletes_the_samples_older_than_the_history()
    {
        var history = History(historyMinutes: 1);
        foreach (var seconds in new[] { 0, 25, 65, 90 })
        {
            await history.AddAsync(At(seconds));
        }

        Assert.Equal(2, await history.PruneAsync(Start.AddSeconds(90)));
        Assert.Equal([Start.AddSeconds(65), Start.AddSeconds(90)], (await history.SinceAsync(Start)).Select(s => s.At));
    }

    private sealed class SampleComparer : IEqualityComparer<FleetSample>
    {
        public bool Equals(FleetSample? x, FleetSample? y) =>
            x is not null && y is not null && x.At == y.At && x.CostPerHourUsd == y.CostPerHourUsd && x.Pools.SequenceEqual(y.Pools);

        public int GetHashCode(FleetSample obj) => obj.At.GetHashCode();
    }
}
