using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Jobs;

/// <summary>Puts the job id and its tenant in the logging scope of every call a job grain handles.</summary>
public sealed class JobLogScopeFilter(ILogger<JobLogScopeFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext.GrainInstance is not JobGrain job)
        {
            await context.Invoke();
            return;
        }

        using (logger.BeginScope(new Dictionary<string, object?> { ["JobId"] = job.GetPrimaryKey(), ["TenantId"] = job.TenantId }))
        {
            await context.Invoke();
        }
    }
}
