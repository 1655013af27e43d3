using System.Diagnostics;
using System.Net;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>How long after a gateway's kill each part of the service answered again on a surviving gateway.</summary>
public sealed record RecoveryTimes(TimeSpan Jobs, TimeSpan Queue, TimeSpan Scaler)
{
    public TimeSpan All => new[] { Jobs, Queue, Scaler }.Max();

    public override string ToString() =>
        $"every accepted job {Jobs.TotalSeconds:0.0} s, the pools' queue {Queue.TotalSeconds:0.0} s, the scaler {Scaler.TotalSeconds:0.0} s";
}

/// <summary>
/// Watches a surviving gateway after another was killed: until every job accepted so far answers its GET, the
/// queue overview holds a reading taken after the kill (the scaler's tick reads each pool's queue grain) and the fleet
/// overview does too (the scaler ticks again).
/// </summary>
public static class SurvivorRecovery
{
    public static async Task<RecoveryTimes> MeasureAsync(
        GatewayInstance survivor, DateTimeOffset killedAt, long killedTimestamp, IReadOnlyList<AcceptedJob> accepted, TimeSpan timeout)
    {
        var jobs = WaitAsync(() => AllJobsAnswerAsync(survivor, accepted), killedTimestamp, timeout, "every accepted job to answer on the survivor");
        var queue = WaitAsync(() => ReadAfterAsync(survivor, "/admin/queue", killedAt), killedTimestamp, timeout, "a queue reading after the kill");
        var scaler = WaitAsync(() => ReadAfterAsync(survivor, "/admin/fleet", killedAt), killedTimestamp, timeout, "a scaler tick after the kill");
        return new RecoveryTimes(await jobs, await queue, await scaler);
    }

    private static async Task<TimeSpan> WaitAsync(Func<Task<bool>> probe, long killedTimestamp, TimeSpan timeout, string awaited)
    {
        await Eventually.TrueAsync(probe, timeout, awaited);
        return Stopwatch.GetElapsedTime(killedTimestamp);
    }

    private static async Task<bool> AllJobsAnswerAsync(GatewayInstance survivor, IReadOnlyList<AcceptedJob> accepted)
    {
        var clients = accepted.Select(a => a.TenantKey).Distinct().ToDictionary(key => key, key => Client(survivor, key));
        try
        {
            var answered = 0;
            await Parallel.ForEachAsync(accepted, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (job, cancellation) =>
            {
                using var response = await clients[job.TenantKey].GetAsync($"/v1/jobs/{job.Id}", cancellation);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref answered);
                }
            });
            return answered == accepted.Count;
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<bool> ReadAfterAsync(GatewayInstance survivor, string path, DateTimeOffset killedAt)
    {
        using var admin = Client(survivor, survivor.AdminKey);
        using var response = await admin.GetAsync(path);
        return response.StatusCode == HttpStatusCode.OK && (await response.JsonAsync()).GetProperty("at").GetDateTimeOffset() > killedAt;
    }

    // A short timeout: a call stuck on the dead silo counts as not answered yet, and is asked again.
    private static HttpClient Client(GatewayInstance survivor, string key)
    {
        var client = survivor.Client(key);
        client.Timeout = TimeSpan.FromSeconds(3);
        return client;
    }
}
