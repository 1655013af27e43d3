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
            [.. catalogue.Models.Select(m => new ModelEntry(
                m.Key, "model", "autoscale", m.Value.Pool, m.Value.Description, m.Value.DefaultVoice, m.Value.Voices,
                m.Key == catalogue.DefaultModel, ModelAvailability.Of(m.Value.Pool, fleet), aliases.AliasesOfModel(m.Key)))]));
    }

    private static Ok<VoiceList> ListVoices(ModelCatalogue catalogue, SpeechAliases aliases, string? model) => TypedResults.Ok(new VoiceList(
        [.. catalogue.Models
            .Where(m => model is null || m.Key == model)
            .SelectMany(m => m.Value.Voices.Select(v => new VoiceEntry(
                v, m.Key, m.Value.Pool, v == m.Value.DefaultVoice, aliases.AliasesOfVoice(m.Key, v))))]));
}

public sealed record ModelList(string Object, IReadOnlyList<ModelEntry> Data);

public sealed record ModelEntry(
    string Id, string Object, string OwnedBy, string Pool, string Description, string DefaultVoice,
    IReadOnlyList<string> Voices, bool IsDefault, ModelAvailability Availability,
    [property: Description("OpenAI model names that POST /v1/audio/speech resolves to this model.")] IReadOnlyList<string> Aliases);

public sealed record VoiceList(IReadOnlyList<VoiceEntry> Items);

public sealed record VoiceEntry(
    string Id, string Model, string Pool, bool IsDefault,
    [property: Description("OpenAI voice names that POST /v1/audio/speech resolves to this voice of this model.")] IReadOnlyList<string> Aliases);
