using AutoScale.Hosting.Storage;
using AutoScale.Testing;
using Npgsql;
using Orleans.Storage;

namespace AutoScale.Grains.Tests.Database;

public sealed class PostgresGrainStorageTests : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync() =>
        _dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync("grainstate"));

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    public sealed record CounterState
    {
        public int Count { get; init; }

        public List<string> Names { get; init; } = [];
    }

    private static GrainId Grain(string key) => GrainId.Create("counter", key);

    [Fact]
    public async Task Written_state_reads_back_with_its_etag()
    {
        var storage = new PostgresGrainStorage(_dataSource, "svc");
        var state = new GrainState<CounterState>(new CounterState { Count = 3, Names = ["a", "b"] });

        await storage.WriteStateAsync("state", Grain("a"), state);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("state", Grain("a"), read);

        Assert.True(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(3, read.State!.Count);
        Assert.Equal(["a", "b"], read.State!.Names);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_keeps_the_newer_state()
    {
        var storage = new PostgresGrainStorage(_dataSource, "svc");
        var first = new GrainState<CounterState>(new CounterState { Count = 1 });
        await storage.WriteStateAsync("state", Grain("b"), first);
        var stale = new GrainState<CounterState> { State = new CounterState { Count = 100 }, ETag = first.ETag };
        first.State = new CounterState { Count = 2 };
        await storage.WriteStateAsync("state", Grain("b"), first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", Grain("b"), stale));

        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("state", Grain("b"), read);
        Assert.Equal(2, read.State!.Count);
    }

    [Fact]
    public async Task Two_first_writes_of_the_same_grain_cannot_both_win()
    {
        var storage = new PostgresGrainStorage(_dataSource, "svc");
        await storage.WriteStateAsync("state", Grain("c"), new GrainState<CounterState>(new CounterState { Count = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("state", Grain("c"), new GrainState<CounterState>(new CounterState { Count = 2 })));
    }

    [Fact]
    public async Task Cleared_state_reads_as_absent()
    {
        var storage = new PostgresGrainStorage(_dataSource, "svc");
        var state = new GrainState<CounterState>(new CounterState { Count = 5 });
        await storage.WriteStateAsync("state", Grain("d"), state);

        await storage.ClearStateAsync("state", Grain("d"), state);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync("state", Grain("d"), read);

        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Count);
    }
}
