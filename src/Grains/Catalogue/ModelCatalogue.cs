using AutoScale.Grains.Chunking;
using Microsoft.Extensions.Options;

namespace AutoScale.Grains.Catalogue;

/// <summary>Answers which models and voices exist, and how each model's text is chunked.</summary>
public sealed class ModelCatalogue(IOptions<CatalogueOptions> options)
{
    private readonly CatalogueOptions _options = options.Value;

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
}
