using System.Collections.Concurrent;
using AutoScale.Interfaces.Jobs;

namespace AutoScale.Grains.Tests.Work;

/// <summary>Job grains that only record the chunk events they are sent, as "<c>{jobId} {event}</c>".</summary>
public sealed class RecordingJobs
{
    private readonly ConcurrentQueue<string> _calls = new();

    public IReadOnlyList<string> Calls => [.. _calls];

    public IJobGrain Of(Guid jobId) => new Job(jobId, _calls);

    private sealed class Job(Guid id, ConcurrentQueue<string> calls) : IJobGrain
    {
        public Task ChunkLeasedAsync() => Record("chunk-leased");

        public Task ChunkDoneAsync(int sequence) => Record($"chunk-done {sequence}");

        public Task ChunkFailedAsync(int sequence, string reason) => Record($"chunk-failed {sequence}: {reason}");

        public Task SettleAsync() => Record("settle");

        public Task<SubmitResult> SubmitAsync(JobRequest request) => throw new NotSupportedException();

        public Task<JobSnapshot?> GetAsync() => throw new NotSupportedException();

        public Task<JobSnapshot?> WaitForChangeAsync(int knownVersion, TimeSpan wait) => throw new NotSupportedException();

        public Task ForgetAsync() => throw new NotSupportedException();

        public Task<JobTransition> CancelAsync() => throw new NotSupportedException();

        private Task Record(string call)
        {
            calls.Enqueue($"{id} {call}");
            return Task.CompletedTask;
        }
    }
}
