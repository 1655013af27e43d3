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

    /// <summary>OpenAI's default response format.</summary>
    public const string DefaultFormat = "mp3";

    /// <summary>The answer as JSON with base64 WAV audio and the words' times.</summary>
    public const string JsonFormat = "json";

    /// <summary>The rate OpenAI's speech comes at, in every format.</summary>
    public const int SampleRate = 24_000;

    private static readonly string[] StreamFormats = ["audio", "sse"];

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

        var formatName = body.ResponseFormat ?? DefaultFormat;
        var timestamps = body.Timestamps == true || formatName == JsonFormat;
        var audioName = formatName == JsonFormat ? AudioFormats.Default : formatName;
        if (!AudioFormat.TryParse(audioName, out var format) || !AudioFormats.All.Contains(audioName))
        {
            return Invalid(
                $"Unknown response_format '{formatName}'. Use one of: {string.Join(", ", AudioFormats.All)}, or {JsonFormat} (mp3 is the default).",
                "response_format", "unsupported_response_format");
        }

        if (AudioFormats.Problem(audioName, SampleRate) is var (_, problem))
        {
            return Invalid(problem, "response_format", "unsupported_response_format");
        }

        var streamFormat = body.StreamFormat ?? "audio";
        if (!StreamFormats.Contains(streamFormat))
        {
            return Invalid($"Unknown stream_format '{streamFormat}'. Use audio (the file itself, the default) or sse (OpenAI's speech.audio.delta events).", "stream_format");
        }

        if (streamFormat == "sse" && timestamps)
        {
            return Invalid("Timestamps come with the whole answer as JSON; ask for them without stream_format sse.", "stream_format");
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
            Format = audioName,
            SampleRate = SampleRate,
            Speed = body.Speed,
            Priority = Interactive,
        }, idempotencyKey: null);
        return validation.Request is { } request
            ? SpeechTranslation.Valid(request, format, streamFormat == "sse", timestamps)
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
