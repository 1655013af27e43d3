using AutoScale.Grains.Catalogue;
using AutoScale.Grains.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Gateway.Jobs;

/// <summary>Registers the jobs API's services.</summary>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddJobsApi(this IServiceCollection services)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddModelCatalogue();
        services.TryAddSingleton<JobStore>();
        services.TryAddSingleton<JobRequestValidator>();
        return services;
    }
}
