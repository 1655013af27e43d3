using AutoScale.Interfaces.Jobs;
using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Jobs;

public sealed partial class JobGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} of tenant {TenantId} accepted: {Characters} characters in {Chunks} chunks for {Model}")]
    private partial void LogAccepted(Guid jobId, Guid tenantId, int characters, int chunks, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} of tenant {TenantId}: {From} -> {To}")]
    private partial void LogMoved(Guid jobId, Guid tenantId, JobStatus from, JobStatus to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} of tenant {TenantId} ended, but its quota could not be told now")]
    private partial void LogQuotaEndFailed(Exception exception, Guid jobId, Guid tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} is stored but could not be handed to the {Pool} queue now")]
    private partial void LogEnqueueFailed(Exception exception, Guid jobId, string pool);
}
