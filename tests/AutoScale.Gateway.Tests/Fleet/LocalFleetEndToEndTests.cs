using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AutoScale.Fleet.Local;
using AutoScale.Gateway.Tests.EndToEnd;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Fleet;

/// <summary>The scaler with the local provider: real worker processes started for a backlog and stopped when idle.</summary>
public sealed class LocalFleetEndToEndTests(ITestOutputHelper output)
{
    private static int Count(IReadOnlyList<JsonElement> workers, string state) =>
        workers.Count(w => w.GetProperty("state").GetString() == state);

    private static async Task<List<string>> SubmitAsync(HttpClient client, int jobs, int characters, int offset = 0)
    {
        var ids = new List<string>();
        for (var i = 0; i < jobs; i++)
        {
            var text = $"Job {i + offset}. " + SpeechText.OfLength(characters);
            var job = await (await client.SubmitAsync(new { text })).AssertStatusAsync(HttpStatusCode.Accepted);
            ids.Add(job.GetProperty("id").GetString()!);
        }

        return ids;
    }

    private static async Task WaitForAllSucceededAsync(HttpClient client, IEnumerable<string> ids, TimeSpan timeout)
    {
        foreach (var id in ids)
        {
            var job = await Eventually.ReturnsAsync(
                async () => await (await client.GetAsync($"/v1/jobs/{id}")).JsonAsync(),
                j => j.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled",
                timeout, $"job {id} to finish");
            Assert.True(job.GetProperty("status").GetString() == "succeeded", $"job {id}: {job}");
        }
    }

    private static async Task AssertEveryChunkDoneOnceAsync(string database, IReadOnlyCollection<string> ids)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE state <> 'done'), count(*) FILTER (WHERE samples IS NULL OR samples <= 0), count(DISTINCT job_id)
            FROM job_chunks WHERE job_id = ANY($1::uuid[])
            """);
        command.Parameters.AddWithValue(ids.Select(Guid.Parse).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(0, reader.GetInt64(0));
        Assert.Equal(0, reader.GetInt64(1));
        Assert.Equal(ids.Count, reader.GetInt64(2));
    }

    [Fact]
    public async Task An_empty_fleet_grows_to_its_maximum_for_a_burst_and_returns_to_zero_with_its_processes_gone()
    {
        await using var fleet = await LocalFleet.StartAsync("fleetburst", maxWorkers: 2, idleSeconds: 4);
        using var client = fleet.Gateway.Client(await fleet.Gateway.CreateTenantAsync("burst"));
        Assert.Empty(await fleet.LiveWorkersAsync());
        Assert.Empty(FleetProcesses.Running(fleet.NamePrefix));

        var clock = Stopwatch.StartNew();
        var ids = await SubmitAsync(client, jobs: 30, characters: 1200);
        TimeSpan? firstReady = null;
        var mostReady = 0;
        await fleet.WaitForAsync(
            workers => Count(workers, "ready") == 2, TimeSpan.FromSeconds(120), "two ready workers",
            workers => firstReady ??= Count(workers, "ready") > 0 ? clock.Elapsed : null);
        await WaitForAllSucceededAsync(client, ids, TimeSpan.FromMinutes(3));
        var allDone = clock.Elapsed;
        await fleet.WaitForAsync(
            workers => workers.Count == 0 && FleetProcesses.Running(fleet.NamePrefix).Count == 0, TimeSpan.FromSeconds(120),
            "the fleet back at zero with both processes gone",
            workers => mostReady = Math.Max(mostReady, Count(workers, "ready")));
        var atZero = clock.Elapsed;

        await AssertEveryChunkDoneOnceAsync(fleet.Database, ids);
        var events = await fleet.EventsAsync();
        Assert.Contains(events, e => e.GetProperty("action").GetString() == "scale-up" && e.GetProperty("from").GetInt32() == 0 && e.GetProperty("to").GetInt32() == 2);
        Assert.Equal(2, events.Count(e => e.GetProperty("action").GetString() == "scale-down"));
        Assert.All(events.Where(e => e.GetProperty("action").GetString() == "scale-down"), e => Assert.Contains("idle", e.GetProperty("reason").GetString(), StringComparison.Ordinal));
        var gone = (await fleet.FleetAsync()).GetProperty("workers").EnumerateArray().Where(w => w.GetProperty("state").GetString() == "gone").ToList();
        Assert.Equal(2, gone.Count);
        Assert.All(gone, w => Assert.Equal("drained and left the cluster", w.GetProperty("reason").GetString()));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first job → first worker ready: {firstReady!.Value.TotalSeconds:0.0} s; all 30 jobs done: {allDone.TotalSeconds:0.0} s; " +
            $"last job done → fleet at zero: {(atZero - allDone).TotalSeconds:0.0} s (idle window 4 s)"));
    }

    [Fact]
    public async Task A_worker_killed_while_busy_is_replaced_and_no_chunk_is_lost()
    {
        await using var fleet = await LocalFleet.StartAsync("fleetkill", maxWorkers: 2, idleSeconds: 4, new Dictionary<string, string>
        {
            // One chunk at a time per worker keeps both busy long enough to kill one mid-work.
            ["Fleet__WorkerEnvironment__Worker__Concurrency"] = "1",
        });
        using var client = fleet.Gateway.Client(await fleet.Gateway.CreateTenantAsync("steady"));
        var ids = await SubmitAsync(client, jobs: 20, characters: 3000);
        await fleet.WaitForAsync(
            workers => Count(workers, "ready") == 2 && workers.All(w => w.GetProperty("leased").GetInt32() > 0),
            TimeSpan.FromSeconds(120), "two ready workers, both holding chunks");
        var victim = (await fleet.LiveWorkersAsync()).First();
        var victimId = victim.GetProperty("id").GetString()!;
        FleetProcesses.Kill(int.Parse(victim.GetProperty("providerId").GetString()!, CultureInfo.InvariantCulture));

        // Keep work coming until the replacement is up, so the backlog asks for it whatever the engine's speed.
        var feeding = true;
        var feeder = Task.Run(async () =>
        {
            for (var round = 0; Volatile.Read(ref feeding) && round < 40; round++)
            {
                List<string> more;
                try
                {
                    more = await SubmitAsync(client, jobs: 3, characters: 3000, offset: 1000 + (round * 3));
                }
                catch (Exception exception)
                {
                    throw new InvalidOperationException($"Gateway output:\n{fleet.Gateway.Process.RecentOutput}", exception);
                }

                lock (ids)
                {
                    ids.AddRange(more);
                }

                await Task.Delay(500);
            }
        });
        await fleet.WaitForAsync(
            workers => workers.All(w => w.GetProperty("id").GetString() != victimId) && Count(workers, "ready") == 2,
            TimeSpan.FromSeconds(120), "the killed worker replaced by a new ready one");
        Volatile.Write(ref feeding, false);
        await feeder;

        await WaitForAllSucceededAsync(client, ids, TimeSpan.FromMinutes(4));
        await AssertEveryChunkDoneOnceAsync(fleet.Database, ids);
        var victimRecord = (await fleet.FleetAsync()).GetProperty("workers").EnumerateArray().Single(w => w.GetProperty("id").GetString() == victimId);
        Assert.Equal("gone", victimRecord.GetProperty("state").GetString());
        // Whichever sees the kill first retires the record: the membership declaring the silo dead, or the provider's
        // list no longer holding the process (with the product's membership timings, either can come first).
        var reason = victimRecord.GetProperty("reason").GetString()!;
        Assert.True(
            reason.Contains("left the cluster unasked", StringComparison.Ordinal) || reason.Contains("no longer listed by the provider", StringComparison.Ordinal),
            $"The killed worker's record is gone for another reason: {reason}");
        var events = await fleet.EventsAsync();
        Assert.True(events.Count(e => e.GetProperty("action").GetString() == "scale-up") >= 2, "a scale-up after the kill replaces the worker");
    }

    [Fact]
    public async Task A_crashed_gateway_finds_its_running_workers_again_and_still_takes_the_fleet_to_zero()
    {
        await using var fleet = await LocalFleet.StartAsync("fleetrestart", maxWorkers: 2, idleSeconds: 4, new Dictionary<string, string>
        {
            ["Fleet__WorkerEnvironment__Worker__Concurrency"] = "1",
        });
        using (var client = fleet.Gateway.Client(await fleet.Gateway.CreateTenantAsync("restart")))
        {
            var ids = await SubmitAsync(client, jobs: 20, characters: 3000);
            await fleet.WaitForAsync(workers => Count(workers, "ready") == 2, TimeSpan.FromSeconds(120), "two ready workers");
            var before = FleetProcesses.Running(fleet.NamePrefix).Order().ToList();

            await fleet.CrashAndRestartGatewayAsync();

            Assert.Equal(before, FleetProcesses.Running(fleet.NamePrefix).Order().ToList());
            using var again = fleet.Gateway.Client(client.DefaultRequestHeaders.Authorization!.Parameter);
            await WaitForAllSucceededAsync(again, ids, TimeSpan.FromMinutes(4));
            await AssertEveryChunkDoneOnceAsync(fleet.Database, ids);
        }

        await fleet.WaitForAsync(
            workers => workers.Count == 0 && FleetProcesses.Running(fleet.NamePrefix).Count == 0, TimeSpan.FromSeconds(120),
            "the fleet at zero after the restart");
        var events = await fleet.EventsAsync();
        Assert.DoesNotContain(events, e => e.GetProperty("action").GetString() == "orphan");
        var finalFleet = await fleet.FleetAsync();
        var workersEver = finalFleet.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("id").GetString()).Distinct().Count();
        Assert.True(workersEver == 2, $"{workersEver} workers over the test, not 2: {finalFleet}");
    }

    [Fact]
    public async Task Bounds_set_at_run_time_start_idle_workers_and_bad_bounds_are_refused()
    {
        await using var fleet = await LocalFleet.StartAsync("fleetbounds", maxWorkers: 2, idleSeconds: 2);

        Assert.Equal(400, await fleet.PostBoundsAsync("espeak", new { min = 2, max = 1 }));
        Assert.Equal(400, await fleet.PostBoundsAsync("espeak", new { min = -1, max = 1 }));
        Assert.Equal(404, await fleet.PostBoundsAsync("nosuchpool", new { min = 0, max = 1 }));
        Assert.Equal(200, await fleet.PostBoundsAsync("espeak", new { min = 1, max = 1 }));
        await fleet.WaitForAsync(workers => Count(workers, "ready") == 1, TimeSpan.FromSeconds(90), "one worker kept ready by the minimum");
        // Ten ticks of 0.5 s: past the 2 s idle window twice over, and the minimum holds the worker at every one.
        var liveAtEachTick = new List<int>();
        await fleet.WaitForTicksAsync(10, "ten scaler ticks past the idle window",
            overview => liveAtEachTick.Add(LocalFleet.LiveWorkersOf(overview).Count));
        Assert.All(liveAtEachTick, live => Assert.Equal(1, live));
        Assert.Single(await fleet.LiveWorkersAsync());

        Assert.Equal(200, await fleet.PostBoundsAsync("espeak", new { min = 0, max = 0 }));
        await fleet.WaitForAsync(
            workers => workers.Count == 0 && FleetProcesses.Running(fleet.NamePrefix).Count == 0, TimeSpan.FromSeconds(60), "the fleet at zero");
        var events = await fleet.EventsAsync();
        Assert.Equal(2, events.Count(e => e.GetProperty("action").GetString() == "bounds"));
        var pool = (await fleet.FleetAsync()).GetProperty("pools").EnumerateArray().Single(p => p.GetProperty("pool").GetString() == "espeak");
        Assert.Equal(0, pool.GetProperty("maxWorkers").GetInt32());
        var queue = await (await fleet.Admin.GetAsync("/admin/queue")).JsonAsync();
        var espeak = queue.GetProperty("pools").EnumerateArray().Single(p => p.GetProperty("pool").GetString() == "espeak");
        Assert.Equal(0, espeak.GetProperty("queued").GetInt32());
        Assert.Equal(0, espeak.GetProperty("estimatedSeconds").GetDouble());
        Assert.Equal(HttpStatusCode.BadRequest, (await fleet.Admin.GetAsync("/admin/scaling-events?limit=0")).StatusCode);
    }

    [Fact]
    public async Task A_pool_whose_workers_cannot_load_their_model_is_not_scaled_again_until_an_operator_acts()
    {
        var noModels = Directory.CreateTempSubdirectory("autoscale-kokoro-none-").FullName;
        await using var fleet = await LocalFleet.StartAsync("fleetunservable", maxWorkers: 1, idleSeconds: 30, new Dictionary<string, string>
        {
            ["Fleet__Pools__kokoro__MaxWorkers"] = "2",
            ["Fleet__Pools__kokoro__IdleSeconds"] = "30",
            ["Fleet__WorkerEnvironment__Models__Path"] = noModels,
        });
        using var client = fleet.Gateway.Client(await fleet.Gateway.CreateTenantAsync("patient"));
        var job = await (await client.SubmitAsync(new { text = "Wait for me.", model = "kokoro", voice = "af_heart" })).AssertStatusAsync(HttpStatusCode.Accepted);

        var reported = await Eventually.ReturnsAsync(
            async () => (await fleet.EventsAsync()).Where(e => e.GetProperty("pool").GetString() == "kokoro").ToList(),
            events => events.Any(e => e.GetProperty("action").GetString() == "unservable"),
            TimeSpan.FromSeconds(90), "the kokoro worker to report that it cannot load its model");
        Assert.Contains("kokoro-v1_0.pth", reported.First(e => e.GetProperty("action").GetString() == "unservable").GetProperty("reason").GetString(), StringComparison.Ordinal);
        await fleet.WaitForAsync(workers => workers.All(w => w.GetProperty("pool").GetString() != "kokoro"), TimeSpan.FromSeconds(30), "the failed worker gone");

        // Many ticks with a backlog and no worker: at each one the scaler wants a worker and the gate holds it back.
        await fleet.WaitForTicksAsync(16, "sixteen scaler ticks with kokoro's backlog", overview =>
        {
            var pool = overview.GetProperty("pools").EnumerateArray().Single(p => p.GetProperty("pool").GetString() == "kokoro");
            Assert.StartsWith("not scaled up: ", pool.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain(LocalFleet.LiveWorkersOf(overview), w => w.GetProperty("pool").GetString() == "kokoro");
        });
        var events = await fleet.EventsAsync();
        Assert.Single(events, e => e.GetProperty("pool").GetString() == "kokoro" && e.GetProperty("action").GetString() == "scale-up");
        Assert.DoesNotContain(await fleet.LiveWorkersAsync(), w => w.GetProperty("pool").GetString() == "kokoro");
        var kokoro = (await (await client.GetAsync("/v1/models")).JsonAsync()).GetProperty("data").EnumerateArray()
            .Single(m => m.GetProperty("id").GetString() == "kokoro").GetProperty("availability");
        Assert.Equal("unavailable", kokoro.GetProperty("status").GetString());
        Assert.Contains("kokoro-v1_0.pth", kokoro.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("queued", (await (await client.GetAsync($"/v1/jobs/{job.GetProperty("id").GetString()}")).JsonAsync()).GetProperty("status").GetString());
        var espeak = (await (await client.GetAsync("/v1/models")).JsonAsync()).GetProperty("data").EnumerateArray()
            .Single(m => m.GetProperty("id").GetString() == "espeak").GetProperty("availability");
        Assert.Equal("scalable", espeak.GetProperty("status").GetString());

        // An operator setting the bounds (after fixing the volume, say) lets the scaler try once more.
        Assert.Equal(200, await fleet.PostBoundsAsync("kokoro", new { min = 0, max = 1 }));
        await Eventually.TrueAsync(
            async () => (await fleet.EventsAsync()).Count(e => e.GetProperty("pool").GetString() == "kokoro" && e.GetProperty("action").GetString() == "scale-up") == 2,
            TimeSpan.FromSeconds(30), "a second kokoro worker started after the operator acted");
        output.WriteLine(string.Join("\n", (await fleet.EventsAsync()).Select(e => e.ToString())));
    }

    [Fact]
    public async Task A_new_image_replaces_every_worker_while_jobs_run_with_a_worker_always_ready()
    {
        // Two "images" of the local provider: two folders that are the same worker build under different names.
        var build = Path.GetDirectoryName(RepositoryLayout.Program("Silo"))!;
        var images = Directory.CreateTempSubdirectory("autoscale-images-").FullName;
        var (imageA, imageB) = (Path.Combine(images, "a"), Path.Combine(images, "b"));
        Directory.CreateSymbolicLink(imageA, build);
        Directory.CreateSymbolicLink(imageB, build);
        await using var fleet = await LocalFleet.StartAsync("fleetroll", maxWorkers: 2, idleSeconds: 60, new Dictionary<string, string>
        {
            ["Fleet__Pools__espeak__MinWorkers"] = "2",
            ["Fleet__Pools__espeak__Image"] = imageA,
            ["Fleet__Local__MaxProcesses"] = "4",
        });
        using var client = fleet.Gateway.Client(await fleet.Gateway.CreateTenantAsync("rolling"));
        await fleet.WaitForAsync(workers => Count(workers, "ready") == 2, TimeSpan.FromSeconds(120), "two ready workers of image A");

        var ids = await SubmitAsync(client, jobs: 20, characters: 2500);
        Assert.Equal(400, await fleet.PostImageAsync("espeak", new { image = "" }));
        Assert.Equal(400, await fleet.PostImageAsync("espeak", new { image = Path.Combine(images, "nothing-here") }));
        Assert.Equal(404, await fleet.PostImageAsync("nosuchpool", new { image = imageB }));
        Assert.Equal(200, await fleet.PostImageAsync("espeak", new { image = imageB }));
        var fewestReady = int.MaxValue;
        await fleet.WaitForAsync(
            workers => workers.Count == 2 && workers.All(w => w.GetProperty("state").GetString() == "ready" && w.GetProperty("image").GetString() == imageB),
            TimeSpan.FromSeconds(180), "both workers replaced by ready workers of image B",
            workers => fewestReady = Math.Min(fewestReady, Count(workers, "ready")));
        await WaitForAllSucceededAsync(client, ids, TimeSpan.FromMinutes(3));

        Assert.True(fewestReady >= 1, $"at one look no worker was ready ({fewestReady})");
        await AssertEveryChunkDoneOnceAsync(fleet.Database, ids);
        var events = await fleet.EventsAsync();
        Assert.Single(events, e => e.GetProperty("action").GetString() == "roll");
        var replaced = events.Where(e => e.GetProperty("action").GetString() == "replace").ToList();
        Assert.Equal(2, replaced.Count);
        Assert.All(replaced, e => Assert.True(e.GetProperty("to").GetInt32() >= 2, $"a worker was drained leaving {e.GetProperty("to")} ready: {e}"));
        await fleet.WaitForAsync(_ => FleetProcesses.Running(fleet.NamePrefix).Count == 2, TimeSpan.FromSeconds(60), "the old processes gone");
        Assert.All(LocalWorkerProcesses.FindOwned(fleet.NamePrefix).Where(p => !p.Exited), p => Assert.Equal(imageB, p.Image));
        var pool = (await fleet.FleetAsync()).GetProperty("pools").EnumerateArray().Single(p => p.GetProperty("pool").GetString() == "espeak");
        Assert.Equal(imageB, pool.GetProperty("image").GetString());
        output.WriteLine(string.Join("\n", events.Select(e => e.ToString())));
    }
}
