using AutoScale.Interfaces.Catalogue;

namespace AutoScale.Grains.Catalogue;

/// <summary>What one model can speak right now.</summary>
/// <param name="Known">False while a model that discovers its voices has heard from no worker yet.</param>
/// <param name="All">Every voice, available or not (empty while unknown).</param>
/// <param name="DefaultVoice">The voice a request that names none gets.</param>
public sealed record ModelVoices(bool Known, IReadOnlyList<ReportedVoice> All, string DefaultVoice)
{
    /// <summary>The ids of the voices that can be spoken.</summary>
    public IReadOnlyList<string> Available => [.. All.Where(v => v.IsAvailable).Select(v => v.Id)];

    public ReportedVoice? Find(string voice) => All.FirstOrDefault(v => v.Id == voice);

    /// <summary>A configured list: every voice available, languages unknown.</summary>
    public static ModelVoices Configured(ModelDefinition model) =>
        new(true, [.. model.Voices.Select(v => new ReportedVoice { Id = v, Languages = [] })], model.DefaultVoice);

    /// <summary>
    /// What the pool's workers reported, or unknown when none has; the configured default stands unless the workers lack
    /// it, when the first voice they can speak does.
    /// </summary>
    public static ModelVoices Reported(ModelDefinition model, IReadOnlyList<ReportedVoice>? reported)
    {
        if (reported is null)
        {
            return new ModelVoices(false, [], model.DefaultVoice);
        }

        var preferred = reported.FirstOrDefault(v => v.Id == model.DefaultVoice && v.IsAvailable) ?? reported.FirstOrDefault(v => v.IsAvailable);
        return new ModelVoices(true, reported, preferred?.Id ?? model.DefaultVoice);
    }
}
