using AutoScale.Data;
using AutoScale.Grains.Catalogue;
using AutoScale.Grains.Quotas;
using AutoScale.Grains.Webhooks;
using AutoScale.Grains.Work;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Grains.Jobs;

/// <summary>Registers what job grains need on the control silo.</summary>
public static class JobsSiloBuilderExtensions
{
    /// <summary>Adds the job, webhook and quota stores, the model catalogue, a clock and the jobs' log scopes (idempotent).</summary>
    public static ISiloBuilder AddJobs(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddAutoScaleDatabase(configuration);
        silo.Services.AddModelCatalogue();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<JobStore>();
        silo.Services.TryAddSingleton<WebhookStore>();
        silo.Services.TryAddSingleton<QuotaStore>();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncomingGrainCallFilter, JobLogScopeFilter>());
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncomingGrainCallFilter, DatabaseFailureFilter>());
        return silo;
    }

    /// <summary>Adds the pools' work queues: their store, options and the watcher that puts back dead workers' chunks.</summary>
    public static ISiloBuilder AddWorkQueues(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<WorkQueueOptions>().BindConfiguration(WorkQueueOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.TryAddSingleton<WorkItemStore>();
        silo.Services.AddHostedService<WorkerDeathWatcher>();
        return silo;
    }
}
