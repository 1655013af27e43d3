using AutoScale.Grains.Catalogue;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Speech;

/// <summary>Registers the OpenAI-compatible speech route's services. The route submits jobs: it needs <c>AddJobsApi</c> too.</summary>
public static class SpeechServiceCollectionExtensions
{
    public static IServiceCollection AddSpeechApi(this IServiceCollection services)
    {
        services.AddOptions<SpeechOptions>()
            .BindConfiguration(SpeechOptions.SectionName)
            .PostConfigure<IOptions<CatalogueOptions>>((options, catalogue) =>
            {
                if (options.ModelAliases.Count == 0)
                {
                    options.ModelAliases = SpeechOptions.DefaultModelAliases(catalogue.Value);
                }

                if (options.VoiceAliases.Count == 0)
                {
                    options.VoiceAliases = SpeechOptions.DefaultVoiceAliases(catalogue.Value);
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpeechOptions>, SpeechOptionsValidator>());
        services.TryAddSingleton<SpeechAliases>();
        services.TryAddSingleton<SpeechRequestTranslator>();
        services.TryAddSingleton<SpeechWorkerGate>();
        return services;
    }
}
