using AutoScale.Audio;
using AutoScale.Interfaces.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AutoScale.Gateway.Speech;

/// <summary>
/// Either an interactive job request and how to answer with it (the audio format; OpenAI's SSE events or the file; a JSON
/// body with the words' times), or the OpenAI-shaped error to answer.
/// </summary>
public sealed record SpeechTranslation(JobRequest? Request, AudioFormat Format, bool Events, bool Timestamps, JsonHttpResult<OpenAiError>? Error)
{
    public static SpeechTranslation Valid(JobRequest request, AudioFormat format, bool events, bool timestamps) => new(request, format, events, timestamps, null);

    public static SpeechTranslation Invalid(JsonHttpResult<OpenAiError> error) => new(null, default, false, false, error);
}
