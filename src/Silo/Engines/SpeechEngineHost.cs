using AutoScale.Engines.Abstractions;

namespace AutoScale.Silo.Engines;

/// <summary>
/// Owns this worker's one engine. Loading (a model and its warm-up can take minutes on a pod) happens once the silo
/// is up, so a worker that cannot load its engine is still in the cluster to say why before it stops.
/// </summary>
public sealed class SpeechEngineHost(Func<ISpeechEngine> load) : IDisposable
{
    private readonly Lazy<Task<ISpeechEngine>> _loading = new(() => Task.Run(load));

    /// <summary>The engine, loaded and warmed up on the first call; faults with the loader's exception.</summary>
    public Task<ISpeechEngine> LoadAsync(CancellationToken cancellationToken) => _loading.Value.WaitAsync(cancellationToken);

    public void Dispose()
    {
        if (_loading.IsValueCreated && _loading.Value.IsCompletedSuccessfully)
        {
            _loading.Value.Result.Dispose();
        }
    }
}
