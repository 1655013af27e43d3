using AutoScale.Artifacts;
using AutoScale.Engines.Abstractions;
using AutoScale.Interfaces.Work;
using AutoScale.Silo.Synthesis;
using AutoScale.Silo.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoScale.Silo.Tests;

public sealed class ChunkSynthesizerTests
{
    private const double PricePerHourUsd = 1.8;
    private readonly ObservedTime _time = new();
    private readonly FakeQueue _queue = new();
    private readonly FakeEngine _engine = new();
    private readonly MemoryArtifacts _artifacts = new();

    private ChunkSynthesizer Synthesizer() =>
        new(_queue, _engine, _artifacts, "worker-1", PricePerHourUsd, _time, NullLogger.Instance);

    [Fact]
    public async Task A_chunk_is_spoken_stored_and_reported_with_its_words_time_and_cost()
    {
        _engine.Speak = (request, _) =>
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            return Task.FromResult(new SynthesisResult(new float[11_025], 22_050, [new SpokenWord(request.Text, 0.05, 0.45)]));
        };
        var lease = Leases.For(_time, TimeSpan.FromMinutes(1), sequence: 3);

        await Synthesizer().RunAsync(lease);

        var completion = Assert.Single(_queue.Completions);
        var key = ArtifactKeys.Chunk(lease.JobId, 3, lease.LeaseId);
        Assert.Equal(
            new ChunkCompletion
            {
                LeaseId = lease.LeaseId,
                JobId = lease.JobId,
                Sequence = 3,
                WorkerId = "worker-1",
                ArtifactKey = key,
                SampleRate = 22_050,
                Samples = 11_025,
                EngineSeconds = 2,
                CostUsd = 0.001m,
                Words = completion.Words,
            },
            completion);
        Assert.Equal([new ChunkWord { Text = "Hello there.", Start = 0.05, End = 0.45 }], completion.Words);
        Assert.True(_artifacts.Stored[key].Length >= 11_025 * 2, "the chunk's 16-bit samples are stored");
        Assert.Empty(_queue.Failures);
    }

    [Fact]
    public async Task A_report_the_control_silo_cannot_record_is_retried_until_it_is()
    {
        _queue.BeforeComplete = _ => _queue.CompletionReports.Count < 3 ? Task.FromException(new TimeoutException("database away")) : Task.CompletedTask;
        var lease = Leases.For(_time, TimeSpan.FromHours(1));

        // Timer 1 renews the lease; timers 2 and 3 are the waits before the second and third report.
        var run = Task.Run(() => Synthesizer().RunAsync(lease));
        await _time.TimersMadeAsync(2);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        await _time.TimersMadeAsync(3);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await run;

        Assert.Equal(3, _queue.CompletionReports.Count);
        Assert.Single(_queue.Completions);
        Assert.Empty(_queue.Failures);
    }

    [Fact]
    public async Task A_report_still_failing_after_its_minute_fails_the_chunk_to_be_retried_elsewhere()
    {
        _queue.BeforeComplete = _ => Task.FromException(new TimeoutException("database away"));
        var lease = Leases.For(_time, TimeSpan.FromHours(1));
        var start = _time.GetUtcNow();

        var run = Task.Run(() => Synthesizer().RunAsync(lease));
        for (var failures = 1; !run.IsCompleted; failures++)
        {
            await Task.WhenAny(run, _time.TimersMadeAsync(failures + 1));
            if (!run.IsCompleted)
            {
                _time.Advance(ChunkSynthesizer.CompletionRetries.DelayAfter(failures));
            }
        }

        await run;
        Assert.Equal((lease.LeaseId, "database away"), Assert.Single(_queue.Failures));
        Assert.Empty(_queue.Completions);
        Assert.InRange(_time.GetUtcNow() - start, TimeSpan.FromSeconds(56), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_chunk_whose_lease_is_lost_stops_without_reporting_a_failure()
    {
        _engine.Speak = async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };
        _queue.Renew = _ => Task.FromResult(false);
        var lease = Leases.For(_time, TimeSpan.FromSeconds(30));

        var run = Task.Run(() => Synthesizer().RunAsync(lease));
        await _engine.Called.ReachedAsync(1, "the engine to start on the chunk");
        _time.Advance(TimeSpan.FromSeconds(10));
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, _queue.Renewed.Count);
        Assert.Empty(_queue.Failures);
        Assert.Empty(_queue.Completions);
        Assert.Empty(_artifacts.Stored);
    }

    [Fact]
    public async Task An_engine_failure_is_reported_to_the_queue_with_its_reason()
    {
        _engine.Speak = (_, _) => throw new InvalidOperationException("no voice 'xx'");
        var lease = Leases.For(_time, TimeSpan.FromMinutes(1));

        await Synthesizer().RunAsync(lease);

        Assert.Equal((lease.LeaseId, "no voice 'xx'"), Assert.Single(_queue.Failures));
        Assert.Empty(_queue.Completions);
    }

    [Fact]
    public async Task No_more_chunks_are_in_the_engine_at_once_than_it_allows()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (inEngine, mostAtOnce) = (0, 0);
        _engine.Speak = async (_, _) =>
        {
            var now = Interlocked.Increment(ref inEngine);
            InterlockedMax(ref mostAtOnce, now);
            await release.Task;
            Interlocked.Decrement(ref inEngine);
            return new SynthesisResult(new float[100], 22_050);
        };
        var synthesizer = Synthesizer();

        var chunks = Enumerable.Range(0, 3).Select(sequence => Task.Run(() => synthesizer.RunAsync(Leases.For(_time, TimeSpan.FromMinutes(1), sequence)))).ToList();
        await _engine.Called.ReachedAsync(1, "a chunk in the engine");
        await _time.TimersMadeAsync(3);
        release.SetResult();
        await Task.WhenAll(chunks).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, mostAtOnce);
        Assert.Equal(3, _queue.Completions.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
