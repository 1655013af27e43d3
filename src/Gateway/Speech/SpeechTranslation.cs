using AutoScale.Audio;
using AutoScale.Interfaces.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AutoScale.Gateway.Speech;

/// <summary>Either an interactive job request and the format to stream it in, or the OpenAI-shaped error to answer.</summary>
public sealed record SpeechTranslation(JobRequest? Request, AudioFormat Format, JsonHttpResult<OpenAiError>? Error)
{
    public static SpeechTranslation Valid(JobRequest request, AudioFormat format) => new(request, format, null);

    public static SpeechTranslation Invalid(JsonHttpResult<OpenAiError> error) => new(null, default, error);
}
