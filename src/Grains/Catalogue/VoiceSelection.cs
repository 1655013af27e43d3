using AutoScale.Interfaces.Voices;

namespace AutoScale.Grains.Catalogue;

/// <summary>
/// Which voice a request gets from a model (pure: the model, what it can speak now, the request's voice):
/// <list type="number">
/// <item>none named: the model's default;</item>
/// <item>the name must be a voice id or a blend (<see cref="VoiceBlend"/>), and a blend needs a model that blends;</item>
/// <item>every voice named must be one the model has and can speak; while a discovering model has heard from no worker,
/// any well-formed name passes and the worker decides;</item>
/// <item>a single voice is passed on by its id, a blend as written (the worker parses it with the same grammar).</item>
/// </list>
/// </summary>
public static class VoiceSelection
{
    public static VoiceChoice Choose(string modelId, ModelDefinition model, ModelVoices voices, string? requested)
    {
        if (requested is null)
        {
            return VoiceChoice.Of(voices.DefaultVoice);
        }

        if (!VoiceBlend.TryParse(requested, out var blend, out var error))
        {
            return VoiceChoice.Refused($"{error} Model '{modelId}' voices: {Listed(voices)}.");
        }

        if (!blend.IsSingle && !model.Blends)
        {
            return VoiceChoice.Refused($"Model '{modelId}' does not blend voices; name one of its voices: {Listed(voices)}.");
        }

        if (voices.Known)
        {
            foreach (var part in blend.Parts)
            {
                if (voices.Find(part.Voice) is not { } voice)
                {
                    return VoiceChoice.Refused($"Model '{modelId}' has no voice '{part.Voice}'. Its voices: {Listed(voices)}.");
                }

                if (voice.UnavailableReason is { } reason)
                {
                    return VoiceChoice.Refused($"Voice '{part.Voice}' of model '{modelId}' is unavailable: {reason}.");
                }
            }
        }

        return VoiceChoice.Of(blend.IsSingle ? blend.Lead : requested.Trim());
    }

    private static string Listed(ModelVoices voices) => voices.Known
        ? string.Join(", ", voices.Available)
        : "not reported yet (no worker of its pool has started)";
}
