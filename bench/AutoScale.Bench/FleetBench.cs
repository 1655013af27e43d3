using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AutoScale.Data;
using AutoScale.Fleet.Local;
using AutoScale.Testing;

namespace AutoScale.Bench;

/// <summary>
/// The local fleet from cold: a burst of jobs arrives at an empty pool (0..2 workers) and the scaler starts worker
/// processes; after the last job it lets them go. Prints, per round, the time from the first job to the first worker
/// ready, to every job done, and from the last job done to the fleet back at zero (idle window included).
/// </summary>
public static class FleetBench
{
    private const int IdleSeconds = 5;

    public static async Task RunAsync(int rounds, int jobs)
    {
        var postgres = LocalPostgresCluster.StartOrReuse(Path.Combine(RepositoryLayout.Root, ".data", "bench-postgres"));
        try
        {
            var database = postgres.CreateDatabase($"bench_fleet_{DateTime.UtcNow:yyyyMMddHHmmss}");
            var prefix = $"b{Guid.NewGuid().ToString("N")[..6]}-";
            await using var gateway = await BenchGateway.StartAsync(database, settings: new Dictionary<string, string>
            {
                ["Fleet__Provider"] = "local",
                ["Fleet__NamePrefix"] = prefix,
                ["Fleet__TickSeconds"] = "0.5",
                ["Fleet__TargetWaitSeconds"] = "1",
                ["Fleet__Pools__espeak__MaxWorkers"] = "2",
                ["Fleet__Pools__espeak__IdleSeconds"] = IdleSeconds.ToString(CultureInfo.InvariantCulture),
                ["Fleet__Pools__espeak__SecondsPerCharacter"] = "0.01",
                ["Fleet__Local__WorkerDirectory"] = Path.GetDirectoryName(RepositoryLayout.Program("Silo"))!,
                ["Fleet__Local__LogDirectory"] = Path.Combine(RepositoryLayout.Root, ".data", "bench-workers"),
            });
            using var tenant = Client(gateway.BaseAddress, gateway.TenantKey);
            using var admin = Client(gateway.BaseAddress, gateway.AdminKey);
            Console.WriteLine($"Local fleet from cold: {jobs} one-paragraph jobs at an empty eSpeak pool (max 2 workers, idle window {IdleSeconds} s), {Environment.ProcessorCount} cores, Release");
            Console.WriteLine($"{"round",6} {"first ready s",14} {"all done s",11} {"to zero s",10} {"workers",8}");
            var firstReady = new List<double>();
            var toZero = new List<double>();
            for (var round = 1; round <= rounds; round++)
            {
                await WaitAsync(admin, workers => workers.Count == 0 && !WorkerProcessesRunning(prefix), TimeSpan.FromMinutes(3));
                var clock = Stopwatch.StartNew();
                var ids = new List<string>();
                for (var i = 0; i < jobs; i++)
                {
                    var response = await tenant.PostAsJsonAsync("/v1/jobs", new { text = $"Round {round}, job {i}. " + Paragraph });
                    response.EnsureSuccessStatusCode();
                    ids.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
                }

                var peak = 0;
                await WaitAsync(admin, workers =>
                {
                    peak = Math.Max(peak, workers.Count);
                    return workers.Any(w => w.GetProperty("state").GetString() == "ready");
                }, TimeSpan.FromMinutes(3));
                var ready = clock.Elapsed.TotalSeconds;
                foreach (var id in ids)
                {
                    await Eventually.TrueAsync(async () =>
                    {
                        var job = JsonDocument.Parse(await tenant.GetStringAsync($"/v1/jobs/{id}")).RootElement;
                        return job.GetProperty("status").GetString() is "succeeded" or "failed";
                    }, TimeSpan.FromMinutes(5), $"job {id}");
                }

                var done = clock.Elapsed.TotalSeconds;
                await WaitAsync(admin, workers =>
                {
                    peak = Math.Max(peak, workers.Count);
                    return workers.Count == 0 && !WorkerProcessesRunning(prefix);
                }, TimeSpan.FromMinutes(3));
                var zero = clock.Elapsed.TotalSeconds - done;
                firstReady.Add(ready);
                toZero.Add(zero);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round,6} {ready,14:0.0} {done,11:0.0} {zero,10:0.0} {peak,8}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: first worker ready {Median(firstReady):0.0} s after the first job; back at zero, processes gone, {Median(toZero):0.0} s after the last job (idle window {IdleSeconds} s)"));
        }
        finally
        {
            postgres.Stop();
        }
    }

    private const string Paragraph =
        "The scaler watches the backlog and starts workers when work waits. When the work is done and the workers sit idle, " +
        "it lets them go one at a time, so an idle fleet costs nothing. Every chunk is synthesised once and only once.";

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task WaitAsync(HttpClient admin, Func<List<JsonElement>, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var fleet = JsonDocument.Parse(await admin.GetStringAsync("/admin/fleet")).RootElement;
            var live = fleet.GetProperty("workers").EnumerateArray()
                .Where(w => w.GetProperty("provider").GetString() == "local" && w.GetProperty("state").GetString() != "gone").ToList();
            if (condition(live))
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The fleet did not get there within {timeout}: {fleet}");
            }

            await Task.Delay(50);
        }
    }

    private static bool WorkerProcessesRunning(string prefix) => LocalWorkerProcesses.FindOwned(prefix).Any(p => !p.Exited);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
