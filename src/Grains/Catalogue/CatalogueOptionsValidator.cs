using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AutoScale.Grains.Catalogue;

/// <summary>Refuses a catalogue whose models are incomplete or inconsistent, naming the setting at fault.</summary>
public sealed class CatalogueOptionsValidator : IValidateOptions<CatalogueOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogueOptions options)
    {
        var failures = new List<string>();
        if (!options.Models.ContainsKey(options.DefaultModel))
        {
            failures.Add($"Catalogue:DefaultModel '{options.DefaultModel}' is not one of Catalogue:Models.");
        }

        if (!(options.RefreshSeconds is >= 0.1 and <= 3600))
        {
            failures.Add($"Catalogue:RefreshSeconds must be between 0.1 and 3600; got {options.RefreshSeconds}.");
        }

        foreach (var (id, model) in options.Models)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"Catalogue:Models:{id}: {r.ErrorMessage}"));
            }

            if (!model.DiscoverVoices && model.Voices.Count == 0)
            {
                failures.Add($"Catalogue:Models:{id}: give its Voices, or set DiscoverVoices to list what its workers report.");
            }
            else if (!model.DiscoverVoices && !model.Voices.Contains(model.DefaultVoice))
            {
                failures.Add($"Catalogue:Models:{id}:DefaultVoice '{model.DefaultVoice}' is not one of its Voices.");
            }

            if (model.ChunkTargetCharacters > model.ChunkMaxCharacters)
            {
                failures.Add($"Catalogue:Models:{id}: ChunkTargetCharacters exceeds ChunkMaxCharacters.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
