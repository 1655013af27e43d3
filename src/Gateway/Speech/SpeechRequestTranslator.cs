using AutoScale.Audio;
using AutoScale.Gateway.Jobs;
using AutoScale.Grains.Catalogue;

namespace AutoScale.Gateway.Speech;

/// <summary>
/// Turns an OpenAI speech request into the same <see cref="Interactive"/> job request <c>POST /v1/jobs</c> makes:
/// names are resolved through <see cref="SpeechAliases"/>, OpenAI's own limits and formats are checked here, and
/// everything else goes through the jobs' <see cref="JobRequestValidator"/>, its field names translated back.
/// </summary>
public sealed class SpeechRequestTranslator(SpeechAliases aliases, ModelCatalogue catalogue, JobRequestValidator validator)
{
    private const string Interactive = "interactive";

    // OpenAI's formats that no encoder here produces.
    private static readonly string[] UnsupportedFormats = ["mp3", "aac", "flac"];

    public SpeechTranslation Translate(Guid tenantId, SpeechRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.Input))
        {
            return Invalid("'input' is required: give the text to speak (it is missing, empty or only whitespace).", "input");
        }

        if (body.Input.Length > SpeechOptions.MaxInputCharacters)
        {
            return Invalid(
                $"'input' has {body.Input.Length} characters; the maximum is {SpeechOptions.MaxInputCharacters}. Split the text, or submit it to POST /v1/jobs, which takes any length.",
                "input", "string_above_max_length");
        }

        var modelName = body.Model ?? catalogue.DefaultModel;
        if (aliases.ResolveModel(modelName) is not { } model)
        {
            return SpeechTranslation.Invalid(OpenAiErrors.ModelNotFound(modelName, aliases.ModelNames));
        }

        var formatName = body.ResponseFormat ?? AudioFormats.Default;
        if (UnsupportedFormats.Contains(formatName, StringComparer.OrdinalIgnoreCase))
        {
            return Invalid(
                $"response_format '{formatName}' is not supported by this service. Use one of: {string.Join(", ", AudioFormats.All)} (wav is the default).",
                "response_format", "unsupported_response_format");
        }

        if (!AudioFormats.All.Contains(formatName) || !AudioFormat.TryParse(formatName, out var format))
        {
            return Invalid($"Unknown response_format '{formatName}'. Use one of: {string.Join(", ", AudioFormats.All)}.", "response_format");
        }

        if (body.StreamFormat is not null && body.StreamFormat != "audio")
        {
            return Invalid($"stream_format '{body.StreamFormat}' is not supported; the audio itself is streamed ('audio').", "stream_format");
        }

        var definition = catalogue.Find(model)!;
        var voice = body.Voice is null ? null : aliases.ResolveVoice(model, body.Voice);
        if (VoiceSelection.Choose(model, definition, catalogue.VoicesOf(definition), voice).Error is { } voiceError)
        {
            return Invalid($"{voiceError} OpenAI's voice names work too: {string.Join(", ", aliases.VoiceAliasNames(model))}.", "voice");
        }

        var validation = validator.Validate(tenantId, new CreateJobRequest
        {
            Text = body.Input,
            Model = model,
            Voice = voice,
            Format = formatName,
            Speed = body.Speed,
            Priority = Interactive,
        }, idempotencyKey: null);
        return validation.Request is { } request
            ? SpeechTranslation.Valid(request, format)
            : Invalid(validation.Error!, ParamOf(validation.Field!));
    }

    private static SpeechTranslation Invalid(string message, string param, string? code = null) =>
        SpeechTranslation.Invalid(OpenAiErrors.BadRequest(message, param, code));

    private static string ParamOf(string jobField) => jobField switch
    {
        "text" => "input",
        "format" => "response_format",
        _ => jobField,
    };
}
