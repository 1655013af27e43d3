using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Work;

public sealed partial class ChunkRescuer
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Pool}: {Count} leases expired and went back")]
    private partial void LogExpired(string pool, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Pool} found {Count} stored chunks that needed a worker but were not in memory")]
    private partial void LogRescued(string pool, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Pool} found {Count} jobs whose chunks had all ended without the job hearing of it")]
    private partial void LogSettled(string pool, int count);
}
