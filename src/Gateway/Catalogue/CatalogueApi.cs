using System.ComponentModel;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Speech;
using AutoScale.Grains.Catalogue;
using AutoScale.Interfaces.Fleet;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AutoScale.Gateway.Catalogue;

/// <summary><c>GET /v1/models</c> (in OpenAI's list shape) and <c>GET /v1/voices</c>.</summary>
public static class CatalogueApi
{
    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").RequireAuthorization(AuthPolicies.AnyKey).WithTags("Catalogue");
        group.MapGet("/models", ListModels).WithName("ListModels").WithSummary("Models the fleet serves or can scale up for.");
        group.MapGet("/voices", ListVoices).WithName("ListVoices").WithSummary("Voices of every model.");
        return routes;
    }

    private static async Task<Ok<ModelList>> ListModels(
        ModelCatalogue catalogue, SpeechAliases aliases, IGrainFactory grains, ILoggerFactory logs)
    {
        FleetOverview? fleet = null;
        try
        {
            fleet = await Scaler.Of(grains).GetOverviewAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            logs.CreateLogger(typeof(CatalogueApi)).LogWarning(exception, "The scaler did not answer; models are listed without availability");
        }

        return TypedResults.Ok(new ModelList(
            "list",
            [.. catalogue.Models.Select(m =>
            {
                var voices = catalogue.VoicesOf(m.Value);
                return new ModelEntry(
                    m.Key, "model", "autoscale", m.Value.Pool, m.Value.Description, voices.DefaultVoice, voices.Available,
                    m.Key == catalogue.DefaultModel, ModelAvailability.Of(m.Value.Pool, fleet), aliases.AliasesOfModel(m.Key),
                    VoiceSourceOf(m.Value, voices), m.Value.Blends,
                    [.. voices.All.Where(v => !v.IsAvailable).Select(v => new UnavailableVoice(v.Id, v.UnavailableReason!))]);
            })]));
    }

    private static Ok<VoiceList> ListVoices(ModelCatalogue catalogue, SpeechAliases aliases, string? model) => TypedResults.Ok(new VoiceList(
        [.. catalogue.Models
            .Where(m => model is null || m.Key == model)
            .SelectMany(m =>
            {
                var voices = catalogue.VoicesOf(m.Value);
                return voices.All.Select(v => new VoiceEntry(
                    v.Id, m.Key, m.Value.Pool, v.Id == voices.DefaultVoice, aliases.AliasesOfVoice(m.Key, v.Id),
                    v.Languages, v.IsAvailable, v.UnavailableReason));
            })]));

    private static string VoiceSourceOf(ModelDefinition model, ModelVoices voices) => (model.DiscoverVoices, voices.Known) switch
    {
        (false, _) => "configuration",
        (true, true) => "workers",
        (true, false) => "awaiting-workers",
    };
}

public sealed record ModelList(string Object, IReadOnlyList<ModelEntry> Data);

public sealed record ModelEntry(
    string Id, string Object, string OwnedBy, string Pool, string Description, string DefaultVoice,
    [property: Description("The voices that can be spoken now.")] IReadOnlyList<string> Voices,
    bool IsDefault, ModelAvailability Availability,
    [property: Description("OpenAI model names that POST /v1/audio/speech resolves to this model.")] IReadOnlyList<string> Aliases,
    [property: Description("Where the voices come from: configuration, workers (what the pool's workers found on disk), or awaiting-workers (none has reported yet; any well-formed voice id is accepted and the worker decides).")] string VoiceSource,
    [property: Description("Whether voices may be blended: af_bella+af_sky, or weighted af_bella(2)+af_sky(1).")] bool Blends,
    [property: Description("Voices the workers have but cannot speak, each with the reason.")] IReadOnlyList<UnavailableVoice> UnavailableVoices);

public sealed record UnavailableVoice(string Id, string Reason);

public sealed record VoiceList(IReadOnlyList<VoiceEntry> Items);

public sealed record VoiceEntry(
    string Id, string Model, string Pool, bool IsDefault,
    [property: Description("OpenAI voice names that POST /v1/audio/speech resolves to this voice of this model.")] IReadOnlyList<string> Aliases,
    [property: Description("The languages it speaks (eSpeak NG names), when its workers said.")] IReadOnlyList<string> Languages,
    [property: Description("Whether it can be spoken; if not, Reason says why.")] bool Available,
    string? Reason);
