using AutoScale.Grains.Catalogue;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Speech;

/// <summary>Refuses aliases that point outside the catalogue or shadow one of its own ids, naming the setting.</summary>
public sealed class SpeechOptionsValidator(IOptions<CatalogueOptions> catalogueOptions) : IValidateOptions<SpeechOptions>
{
    public ValidateOptionsResult Validate(string? name, SpeechOptions options)
    {
        var catalogue = catalogueOptions.Value;
        var failures = new List<string>();
        if (options.WorkerWaitSeconds is < 1 or > 600)
        {
            failures.Add($"Speech:WorkerWaitSeconds must be between 1 and 600; got {options.WorkerWaitSeconds}.");
        }

        foreach (var (alias, model) in options.ModelAliases)
        {
            if (!catalogue.Models.ContainsKey(model))
            {
                failures.Add($"Speech:ModelAliases:{alias} names model '{model}', which is not in Catalogue:Models.");
            }

            if (catalogue.Models.ContainsKey(alias))
            {
                failures.Add($"Speech:ModelAliases:{alias} would hide the catalogue model of the same id.");
            }
        }

        foreach (var (model, voices) in options.VoiceAliases)
        {
            if (!catalogue.Models.TryGetValue(model, out var definition))
            {
                failures.Add($"Speech:VoiceAliases:{model}: no such model in Catalogue:Models.");
                continue;
            }

            failures.AddRange(voices
                .Where(v => !definition.DiscoverVoices && !definition.Voices.Contains(v.Value))
                .Select(v => $"Speech:VoiceAliases:{model}:{v.Key} names voice '{v.Value}', which model '{model}' does not have."));
            failures.AddRange(voices
                .Where(v => definition.Voices.Contains(v.Key))
                .Select(v => $"Speech:VoiceAliases:{model}:{v.Key} would hide the model's own voice of the same name."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
