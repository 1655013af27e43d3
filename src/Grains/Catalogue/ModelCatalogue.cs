using System.Collections.Immutable;
using AutoScale.Grains.Chunking;
using AutoScale.Interfaces.Catalogue;
using Microsoft.Extensions.Options;

namespace AutoScale.Grains.Catalogue;

/// <summary>
/// Answers which models and voices exist, and how each model's text is chunked. A model's voices are its configured
/// list, or (<see cref="ModelDefinition.DiscoverVoices"/>) what its pool's workers reported, kept current by
/// <see cref="PoolVoicesRefresher"/> and by reports arriving on this silo.
/// </summary>
public sealed class ModelCatalogue(IOptions<CatalogueOptions> options)
{
    private readonly CatalogueOptions _options = options.Value;
    private ImmutableDictionary<string, IReadOnlyList<ReportedVoice>> _reported = ImmutableDictionary<string, IReadOnlyList<ReportedVoice>>.Empty;
    private volatile bool _read;

    /// <summary>The model used when a request names none.</summary>
    public string DefaultModel => _options.DefaultModel;

    /// <summary>Every model, by id.</summary>
    public IReadOnlyDictionary<string, ModelDefinition> Models => _options.Models;

    /// <summary>The model with this id, or null.</summary>
    public ModelDefinition? Find(string model) => _options.Models.GetValueOrDefault(model);

    /// <summary>How the text of a job for <paramref name="model"/> is chunked.</summary>
    public ChunkingRules ChunkingFor(string model) =>
        Find(model) is { } definition
            ? new ChunkingRules(definition.ChunkTargetCharacters, definition.ChunkMaxCharacters)
            : throw new ArgumentException($"Unknown model '{model}'.", nameof(model));

    /// <summary>What <paramref name="model"/> can speak now.</summary>
    public ModelVoices VoicesOf(ModelDefinition model) => model.DiscoverVoices
        ? ModelVoices.Reported(model, _reported.GetValueOrDefault(model.Pool))
        : ModelVoices.Configured(model);

    /// <summary>
    /// Whether a model of <paramref name="pool"/> waits for a worker to report its voices (the scaler then starts one).
    /// Not before the store has been read once: the voices may be known already.
    /// </summary>
    public bool AwaitsVoices(string pool) =>
        _read && !_reported.ContainsKey(pool) && _options.Models.Values.Any(m => m.DiscoverVoices && m.Pool == pool);

    /// <summary>Replaces every pool's reported voices (a fresh read of the store).</summary>
    public void Reported(IReadOnlyDictionary<string, IReadOnlyList<ReportedVoice>> byPool)
    {
        _reported = byPool.ToImmutableDictionary(StringComparer.Ordinal);
        _read = true;
    }

    /// <summary>Replaces one pool's reported voices (a report that just arrived).</summary>
    public void Reported(string pool, IReadOnlyList<ReportedVoice> voices) =>
        ImmutableInterlocked.AddOrUpdate(ref _reported, pool, voices, (_, _) => voices);
}
