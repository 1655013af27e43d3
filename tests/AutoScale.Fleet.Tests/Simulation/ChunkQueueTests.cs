using AutoScale.FleetSimulator.Simulation;

namespace AutoScale.Fleet.Tests.Simulation;

public sealed class ChunkQueueTests
{
    [Fact]
    public void Fifo_serves_a_new_requests_first_chunk_after_every_chunk_queued_before_it()
    {
        var queue = new ChunkQueue(DispatchOrder.Fifo);
        queue.Enqueue(arrivedAt: 0, chunks: 10, engineSecondsPerChunk: 0.1);
        queue.Enqueue(arrivedAt: 1, chunks: 2, engineSecondsPerChunk: 0.2);
        var firstChunks = new List<double>();

        queue.Take(8, firstChunks, []);
        Assert.Equal([0.0], firstChunks);
        queue.Take(8, firstChunks, []);

        Assert.Equal([0.0, 1.0], firstChunks);
        Assert.Equal(0, queue.Chunks);
        Assert.Equal(0, queue.EngineSeconds);
    }

    [Fact]
    public void Fresh_first_serves_a_new_requests_first_chunk_before_the_rest_of_a_started_one()
    {
        var queue = new ChunkQueue(DispatchOrder.FreshFirst);
        queue.Enqueue(arrivedAt: 0, chunks: 10, engineSecondsPerChunk: 0.1);
        var firstChunks = new List<double>();
        queue.Take(1, firstChunks, []);
        queue.Enqueue(arrivedAt: 1, chunks: 2, engineSecondsPerChunk: 0.2);

        var engineSeconds = queue.Take(2, firstChunks, []);

        Assert.Equal([0.0, 1.0], firstChunks);
        Assert.Equal(0.2 + 0.1, engineSeconds, 9);
        Assert.Equal(9 + 1 - 1, queue.Chunks);
    }
}
