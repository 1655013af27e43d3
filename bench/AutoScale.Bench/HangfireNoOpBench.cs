using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace AutoScale.Bench;

/// <summary>Hangfire with Hangfire.PostgreSql (its own schema) doing no-op jobs: enqueue them all, wait until all succeeded.</summary>
public static class HangfireNoOpBench
{
    /// <summary>Hangfire's own default worker count: five per core, at most twenty.</summary>
    public static int DefaultWorkerCount => Math.Min(Environment.ProcessorCount * 5, 20);

    public static async Task<(int Jobs, TimeSpan Elapsed)> RunAsync(string database, int jobs, int producers, int workers)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(50),
            EnableLongPolling = true,
        };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database, options), options);
        var client = new BackgroundJobClient(storage);
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = workers }, storage);

        var before = storage.GetMonitoringApi().SucceededListCount();
        await EnqueueAsync(client, 50, producers); // warm-up: JIT, pools, the server's first fetch
        await WaitForSucceededAsync(storage, before + 50);

        var clock = Stopwatch.StartNew();
        await EnqueueAsync(client, jobs, producers);
        await WaitForSucceededAsync(storage, before + 50 + jobs);
        return (jobs, clock.Elapsed);
    }

    private static Task EnqueueAsync(BackgroundJobClient client, int jobs, int producers) =>
        Task.Run(() => Parallel.For(0, jobs, new ParallelOptions { MaxDegreeOfParallelism = producers },
            i => client.Enqueue(() => NoOpJob.Run(i))));

    private static async Task WaitForSucceededAsync(JobStorage storage, long count)
    {
        var monitoring = storage.GetMonitoringApi();
        while (monitoring.SucceededListCount() < count)
        {
            await Task.Delay(20);
        }
    }
}
