using AutoScale.Engines.Benchmarking;
using AutoScale.Engines.ESpeak;
using AutoScale.Engines.Kokoro;
using AutoScale.Engines.Kokoro.Hosting;
using AutoScale.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScale.Silo.Engines;

/// <summary>
/// Registers the one engine this worker runs, chosen by <c>Worker:Engine</c>, behind a <see cref="SpeechEngineHost"/> that
/// loads it once the silo is up.
/// </summary>
public static class SpeechEngineExtensions
{
    public static IServiceCollection AddSpeechEngine(this IServiceCollection services, WorkerOptions options)
    {
        var engine = options.Engine ?? options.Pool;
        switch (engine)
        {
            case "espeak":
                services.AddSingleton(provider => new SpeechEngineHost(() => ActivatorUtilities.CreateInstance<ESpeakEngine>(provider)));
                break;
            case "kokoro":
                // Without its files the worker says which are missing (log and scaler) and stops.
                services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.SectionName);
                services.AddOptions<KokoroOptions>().BindConfiguration(KokoroOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
                services.AddSingleton(provider => new SpeechEngineHost(() => KokoroEngine.Load(
                    KokoroModelFiles.Under(provider.GetRequiredService<IOptions<ModelsOptions>>().Value.Path),
                    provider.GetRequiredService<IOptions<KokoroOptions>>().Value)));
                break;
            case "silent":
                // Benchmarks of dispatch overhead only: the chunks of this worker's pool come back as silence.
                services.AddSingleton(provider => new SpeechEngineHost(() => ActivatorUtilities.CreateInstance<SilentEngine>(provider)));
                break;
            default:
                throw new InvalidOperationException(
                    $"Worker:Engine '{engine}' is not an engine this worker has. Known engines: espeak, kokoro (and silent, for dispatch benchmarks).");
        }

        return services;
    }
}
