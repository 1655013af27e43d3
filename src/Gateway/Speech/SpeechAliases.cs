using AutoScale.Grains.Catalogue;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Speech;

/// <summary>Resolves OpenAI's model and voice names to the catalogue's; the catalogue's own ids pass unchanged.</summary>
public sealed class SpeechAliases(ModelCatalogue catalogue, IOptions<SpeechOptions> options)
{
    private readonly SpeechOptions _options = options.Value;

    /// <summary>Every name a request may send as <c>model</c>: the catalogue's ids, then the aliases.</summary>
    public IEnumerable<string> ModelNames => catalogue.Models.Keys.Concat(_options.ModelAliases.Keys);

    /// <summary>The catalogue model id for <paramref name="name"/>, or null when it is neither an id nor an alias.</summary>
    public string? ResolveModel(string name) =>
        catalogue.Find(name) is not null ? name : _options.ModelAliases.GetValueOrDefault(name);

    /// <summary>The model's own voice for <paramref name="voice"/>, or <paramref name="voice"/> unchanged when it has no alias.</summary>
    public string ResolveVoice(string model, string voice) =>
        _options.VoiceAliases.TryGetValue(model, out var aliases) && aliases.TryGetValue(voice, out var own) ? own : voice;

    /// <summary>The OpenAI model names that resolve to <paramref name="model"/>.</summary>
    public IReadOnlyList<string> AliasesOfModel(string model) =>
        [.. _options.ModelAliases.Where(a => a.Value == model).Select(a => a.Key).Order(StringComparer.Ordinal)];

    /// <summary>The OpenAI voice names that resolve to <paramref name="voice"/> of <paramref name="model"/>.</summary>
    public IReadOnlyList<string> AliasesOfVoice(string model, string voice) =>
        _options.VoiceAliases.TryGetValue(model, out var aliases)
            ? [.. aliases.Where(a => a.Value == voice).Select(a => a.Key)]
            : [];

    /// <summary>The OpenAI voice names <paramref name="model"/> answers to.</summary>
    public IReadOnlyList<string> VoiceAliasNames(string model) =>
        _options.VoiceAliases.TryGetValue(model, out var aliases) ? [.. aliases.Keys] : [];
}
