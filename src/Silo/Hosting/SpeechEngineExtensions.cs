using AutoScale.Engines.Abstractions;
using AutoScale.Engines.Benchmarking;
using AutoScale.Engines.ESpeak;
using AutoScale.Engines.Kokoro;
using AutoScale.Engines.Kokoro.Hosting;
using Microsoft.Extensions.Options;

namespace AutoScale.Silo.Hosting;

/// <summary>Registers the one engine instance this worker runs, chosen by <c>Worker:Engine</c>.</summary>
public static class SpeechEngineExtensions
{
    public static IServiceCollection AddSpeechEngine(this IServiceCollection services, WorkerOptions options)
    {
        var engine = options.Engine ?? options.Pool;
        switch (engine)
        {
            case "espeak":
                services.AddSingleton<ISpeechEngine, ESpeakEngine>();
                break;
            case "kokoro":
                // Loaded (and warmed up) when the worker starts; without its files the worker stops, saying which are missing.
                services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.SectionName);
                services.AddSingleton<ISpeechEngine>(provider =>
                    KokoroEngine.Load(KokoroModelFiles.Under(provider.GetRequiredService<IOptions<ModelsOptions>>().Value.Path)));
                break;
            case "silent":
                // Benchmarks of dispatch overhead only: the chunks of this worker's pool come back as silence.
                services.AddSingleton<ISpeechEngine, SilentEngine>();
                break;
            default:
                throw new InvalidOperationException(
                    $"Worker:Engine '{engine}' is not an engine this worker has. Known engines: espeak, kokoro (and silent, for dispatch benchmarks).");
        }

        return services;
    }
}
