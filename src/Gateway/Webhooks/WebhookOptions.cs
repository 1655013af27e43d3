using System.ComponentModel.DataAnnotations;

namespace AutoScale.Gateway.Webhooks;

/// <summary>Webhook delivery. Bound from the <c>Webhooks</c> section.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// <summary>Attempts before a delivery is given up. Default 8 (about 4 minutes of backoff in all).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each next one doubles, up to <see cref="MaxDelaySeconds"/>. Default 1 s.</summary>
    [Range(0.01, 3600)]
    public double FirstDelaySeconds { get; set; } = 1;

    /// <summary>The longest delay between attempts. Default 120 s.</summary>
    [Range(0.01, 86_400)]
    public double MaxDelaySeconds { get; set; } = 120;

    /// <summary>How long one POST may take. Default 10 s.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>How often the table of pending deliveries is looked at. Default 1 s.</summary>
    [Range(0.05, 60)]
    public double PollSeconds { get; set; } = 1;

    /// <summary>
    /// Lets webhooks reach any address, private ones included (loopback, RFC 1918, link-local, metadata service). Default
    /// false: only the public internet, apart from <see cref="AllowedHosts"/>.
    /// </summary>
    public bool AllowPrivateDestinations { get; set; }

    /// <summary>Host names and addresses webhooks may reach even though they are private (an operator's internal receiver).</summary>
    public string[] AllowedHosts { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var host in AllowedHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@' or '?' or '#'))
            {
                yield return new ValidationResult(
                    $"'{host}' is not a host name or address: give each allowed host bare, without scheme, path or port.",
                    [nameof(AllowedHosts)]);
            }
        }
    }
}
