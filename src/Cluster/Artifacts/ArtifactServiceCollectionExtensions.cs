using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AutoScale.Cluster.Artifacts;

/// <summary>Registers the artifact store.</summary>
public static class ArtifactServiceCollectionExtensions
{
    public static IServiceCollection AddArtifactStore(this IServiceCollection services)
    {
        services.AddOptions<ArtifactOptions>().BindConfiguration(ArtifactOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IArtifactStore, FileSystemArtifactStore>();
        return services;
    }
}
