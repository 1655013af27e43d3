using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutoScale.Grains.Catalogue;
using AutoScale.Gateway.Webhooks.Destinations;
using AutoScale.Interfaces.Jobs;
using Microsoft.Extensions.Options;

namespace AutoScale.Gateway.Jobs;

/// <summary>
/// Turns a <see cref="CreateJobRequest"/> into a <see cref="JobRequest"/> with every default filled in, or names the
/// first field that is wrong and says how to fix it.
/// </summary>
public sealed class JobRequestValidator(ModelCatalogue catalogue, IOptions<JobsOptions> options, WebhookDestinationGuard webhookDestinations)
{
    public const double MinSpeed = 0.25;
    public const double MaxSpeed = 4.0;
    private const int MaxIdempotencyKeyLength = 255;

    public JobValidation Validate(Guid tenantId, CreateJobRequest body, string? idempotencyKey)
    {
        var limits = options.Value;
        if (string.IsNullOrWhiteSpace(body.Text))
        {
            return JobValidation.Invalid("text", "Give the text to speak; it is missing, empty or only whitespace.");
        }

        if (body.Text.Length > limits.MaxCharacters)
        {
            return JobValidation.Invalid("text", $"The text has {body.Text.Length} characters; the limit is {limits.MaxCharacters}. Split it into several jobs.");
        }

        if (!IsWellFormedUtf16(body.Text))
        {
            return JobValidation.Invalid("text", "The text contains an unpaired UTF-16 surrogate (an invalid \\u escape).");
        }

        if (body.Text.Contains('\0', StringComparison.Ordinal))
        {
            return JobValidation.Invalid("text", "The text may not contain NUL characters.");
        }

        var modelId = body.Model ?? catalogue.DefaultModel;
        if (catalogue.Find(modelId) is not { } model)
        {
            return JobValidation.Invalid("model", $"Unknown model '{modelId}'. Known models: {string.Join(", ", catalogue.Models.Keys)}.");
        }

        var choice = VoiceSelection.Choose(modelId, model, catalogue.VoicesOf(model), body.Voice);
        if (choice.Voice is not { } voice)
        {
            return JobValidation.Invalid("voice", choice.Error!);
        }

        var format = body.Format ?? AudioFormats.Default;
        if (AudioFormats.Problem(format, body.SampleRate) is var (field, message))
        {
            return JobValidation.Invalid(field, message);
        }

        var speed = body.Speed ?? 1.0;
        if (speed is < MinSpeed or > MaxSpeed || double.IsNaN(speed))
        {
            return JobValidation.Invalid("speed", $"Speed must be between {MinSpeed} and {MaxSpeed}; got {speed}.");
        }

        var priority = JobPriority.Normal;
        if (body.Priority is not null && !JobPriorityExtensions.TryParseWireName(body.Priority, out priority))
        {
            return JobValidation.Invalid("priority", $"Unknown priority '{body.Priority}'. Use interactive, normal or batch.");
        }

        Uri? webhook = null;
        if (body.WebhookUrl is not null
            && !(Uri.TryCreate(body.WebhookUrl, UriKind.Absolute, out webhook)
                 && (webhook.Scheme == Uri.UriSchemeHttp || webhook.Scheme == Uri.UriSchemeHttps)))
        {
            return JobValidation.Invalid("webhookUrl", "The webhook URL must be an absolute http:// or https:// URL.");
        }

        if (webhook is not null && webhookDestinations.RefusalAtSubmit(webhook) is { } refusal)
        {
            return JobValidation.Invalid("webhookUrl", $"The webhook URL's host {refusal}.");
        }

        string? metadataJson = null;
        if (body.Metadata is { } metadata && metadata.ValueKind != JsonValueKind.Null)
        {
            if (metadata.ValueKind != JsonValueKind.Object)
            {
                return JobValidation.Invalid("metadata", $"Metadata must be a JSON object; got {metadata.ValueKind.ToString().ToLowerInvariant()}.");
            }

            metadataJson = JsonSerializer.Serialize(metadata);
            if (Encoding.UTF8.GetByteCount(metadataJson) > limits.MaxMetadataBytes)
            {
                return JobValidation.Invalid("metadata", $"Metadata is limited to {limits.MaxMetadataBytes} bytes of JSON.");
            }

            if (metadataJson.Contains("\\u0000", StringComparison.Ordinal))
            {
                return JobValidation.Invalid("metadata", "Metadata may not contain NUL characters.");
            }
        }

        if (idempotencyKey is not null
            && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(c => c is < '!' or > '~')))
        {
            return JobValidation.Invalid("Idempotency-Key", $"The Idempotency-Key header must be 1 to {MaxIdempotencyKeyLength} printable ASCII characters without spaces.");
        }

        var request = new JobRequest
        {
            TenantId = tenantId,
            Text = body.Text,
            Model = modelId,
            Voice = voice,
            Format = format,
            SampleRate = body.SampleRate,
            Speed = speed,
            Priority = priority,
            WebhookUrl = body.WebhookUrl,
            MetadataJson = metadataJson,
            IdempotencyKey = idempotencyKey,
        };
        return JobValidation.Valid(request with { RequestFingerprint = idempotencyKey is null ? null : Fingerprint(request) });
    }

    // What makes two submissions "the same request" for an Idempotency-Key: every field after defaults.
    private static string Fingerprint(JobRequest request)
    {
        object?[] fields =
        [
            request.Text, request.Model, request.Voice, request.Format, request.Speed,
            request.Priority.ToWireName(), request.WebhookUrl, request.MetadataJson,
        ];

        // Appended only when given, so keys stored before sample rates existed still match their retries.
        var canonical = JsonSerializer.Serialize(request.SampleRate is { } rate ? [.. fields, rate] : fields);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
