using AutoScale.Artifacts.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScale.Artifacts;

/// <summary>Registers the artifact store <c>Artifacts:Store</c> names: a folder by default, or an S3-compatible bucket.</summary>
public static class ArtifactServiceCollectionExtensions
{
    public static IServiceCollection AddArtifactStore(this IServiceCollection services)
    {
        services.AddOptions<ArtifactOptions>().BindConfiguration(ArtifactOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArtifactOptions>, ArtifactOptionsValidator>());
        services.TryAddSingleton<FileSystemArtifactStore>();
        services.TryAddSingleton<S3ArtifactStore>();
        services.TryAddSingleton<IArtifactStore>(provider => provider.GetRequiredService<IOptions<ArtifactOptions>>().Value.UsesS3
            ? provider.GetRequiredService<S3ArtifactStore>()
            : provider.GetRequiredService<FileSystemArtifactStore>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, S3BucketStartupCheck>());
        return services;
    }
}
