using AutoScale.Artifacts;
using AutoScale.Gateway.Auth;
using AutoScale.Gateway.Catalogue;
using AutoScale.Gateway.Hosting;
using AutoScale.Gateway.Jobs;
using AutoScale.Gateway.Problems;
using AutoScale.Gateway.Quotas;
using AutoScale.Grains.Catalogue;
using AutoScale.Grains.Jobs;
using AutoScale.Interfaces.Jobs;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Speech;

/// <summary>
/// <c>POST /v1/audio/speech</c>, OpenAI's speech endpoint: the text becomes an interactive job like any other
/// (durable, queued, made by the workers), and the answer is that job's audio, streamed as its chunks are made.
/// </summary>
public static partial class SpeechApi
{
    /// <summary>Names the job behind the audio, so that it can be followed at <c>/v1/jobs/{id}</c>.</summary>
    public const string JobIdHeader = "X-Job-Id";

    private const long MaxRequestBytes = (4L * SpeechOptions.MaxInputCharacters) + (64 * 1024);

    public static IEndpointRouteBuilder MapSpeechApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/audio/speech", CreateAsync)
            // Authentication has run; the filter checks for a tenant key so that 401/403 come in OpenAI's shape.
            .AllowAnonymous()
            .AddEndpointFilter<OpenAiTenantKeyFilter>()
            .WithMetadata(OpenAiCompatibleEndpoint.Instance)
            .WithTags("Speech")
            .WithName("CreateSpeech")
            .WithSummary("OpenAI-compatible text to speech: the audio, streamed as it is made.")
            .WithDescription(
                "OpenAI's request schema (model, input ≤ 4096 characters, voice, response_format, speed, stream_format; instructions ignored). " +
                "Models: tts-1 → espeak, tts-1-hd and gpt-4o-mini-tts → kokoro, or a catalogue id. Voices: OpenAI's names or the model's own (Kokoro blends too). " +
                "Formats, all at 24 kHz as OpenAI's: mp3 (default), opus (Ogg), aac (ADTS), flac, wav (open-ended RIFF sizes), pcm (16-bit LE mono). " +
                "stream_format sse: speech.audio.delta events with base64 audio, then speech.audio.done. " +
                "timestamps: true (or response_format json): one JSON body {audio: base64, format, sample_rate, words: [{word, start, end}]}. " +
                "A model nobody can serve answers 503 model_unavailable. Errors are OpenAI's {\"error\": {message, type, param, code}}, not problem+json.")
            .DocumentJsonBody<SpeechRequest>()
            .Produces(StatusCodes.Status200OK, contentType: "audio/mpeg",
                additionalContentTypes: ["audio/ogg", "audio/aac", "audio/flac", "audio/wav", "audio/pcm", "text/event-stream", "application/json"])
            .Produces<OpenAiError>(StatusCodes.Status400BadRequest)
            .Produces<OpenAiError>(StatusCodes.Status401Unauthorized)
            .Produces<OpenAiError>(StatusCodes.Status404NotFound)
            .Produces<OpenAiError>(StatusCodes.Status429TooManyRequests)
            .Produces<OpenAiError>(StatusCodes.Status500InternalServerError)
            .Produces<OpenAiError>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context,
        SpeechRequestTranslator translator,
        IGrainFactory grains,
        SpeechWorkerGate workers,
        ModelCatalogue catalogue,
        JobStore store,
        IArtifactStore artifacts,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        ILoggerFactory logs)
    {
        var (body, problem) = await JsonBody.ReadAsync<SpeechRequest>(
            context.Request, MaxRequestBytes, json.Value.SerializerOptions, context.RequestAborted);
        if (problem is not null)
        {
            return OpenAiErrors.FromProblem(problem);
        }

        var translation = translator.Translate(context.User.TenantId(), body!);
        if (translation.Error is { } error)
        {
            return error;
        }

        var request = translation.Request!;
        var (availability, bootSeconds) = await workers.CheckAsync(catalogue.Find(request.Model)!.Pool, context.RequestAborted);
        if (availability.Status == ModelAvailability.Unavailable)
        {
            return OpenAiErrors.ModelUnavailable(request.Model, availability.Reason!);
        }

        var grain = grains.GetGrain<IJobGrain>(Guid.CreateVersion7());
        var submitted = await grain.SubmitAsync(request);
        if (submitted.Refusal is { } refusal)
        {
            return QuotaAnswers.OpenAi(refusal, context.Response);
        }

        var job = submitted.Job!;
        context.Response.Headers[JobIdHeader] = job.Id.ToString();
        if (availability.Status != ModelAvailability.Serving
            && await workers.HoldUntilWorkerAsync(request.Model, bootSeconds, grain, job, context) is { } refused)
        {
            return refused;
        }

        AudioTarget target = translation.Events ? new SpeechAudioEvents(request.Text.Length)
            : translation.Timestamps ? new CapturedAudio()
            : AudioTarget.FileBody;
        switch (await ProgressiveJobAudio.StreamAsync(job, translation.Format, context, grain, store, artifacts, request.SampleRate, target))
        {
            case ProgressiveAudioOutcome.Completed when target is CapturedAudio captured:
                return TypedResults.Json(await SpeechWithWords.OfAsync(job.Id, captured, store, context.RequestAborted));
            case ProgressiveAudioOutcome.EndedBeforeAudio:
                var ended = await grain.GetAsync();
                return OpenAiErrors.SpeechFailed(ended?.Error?.Message);
            case ProgressiveAudioOutcome.ClientGone:
                // Nobody will read the rest: free the workers for others' interactive work.
                await grain.CancelAsync();
                LogClientGone(logs.CreateLogger(typeof(SpeechApi)), job.Id);
                break;
        }

        return Results.Empty;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Speech job {JobId} cancelled: the client went away before its audio was complete")]
    private static partial void LogClientGone(ILogger logger, Guid jobId);
}
