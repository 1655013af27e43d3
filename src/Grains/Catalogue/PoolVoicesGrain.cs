using AutoScale.Hosting.GrainDirectories;
using AutoScale.Interfaces.Catalogue;
using Microsoft.Extensions.Logging;
using Orleans.GrainDirectory;

namespace AutoScale.Grains.Catalogue;

/// <summary>Keeps a pool's reported voices in <c>pool_voices</c> and tells this silo's catalogue at once.</summary>
[GrainDirectory(GrainDirectoryName = ControlGrainDirectory.Name)]
public sealed partial class PoolVoicesGrain(PoolVoiceStore store, ModelCatalogue catalogue, TimeProvider time, ILogger<PoolVoicesGrain> logger)
    : Grain, IPoolVoicesGrain
{
    public async Task ReportAsync(string workerId, IReadOnlyList<ReportedVoice> voices)
    {
        var pool = this.GetPrimaryKeyString();
        await store.ReplaceAsync(pool, workerId, voices, time.GetUtcNow());
        catalogue.Reported(pool, voices);
        LogReported(pool, workerId, voices.Count(v => v.IsAvailable), voices.Count(v => !v.IsAvailable));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}: worker {WorkerId} reported {Available} voices it can speak and {Unavailable} it cannot")]
    private partial void LogReported(string pool, string workerId, int available, int unavailable);
}
