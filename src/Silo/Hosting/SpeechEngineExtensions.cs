using AutoScale.Engines.Abstractions;
using AutoScale.Engines.ESpeak;

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
            default:
                throw new InvalidOperationException(
                    $"Worker:Engine '{engine}' is not an engine this worker has. Known engines: espeak.");
        }

        return services;
    }
}
