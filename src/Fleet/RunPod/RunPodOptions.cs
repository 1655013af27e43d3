using System.ComponentModel.DataAnnotations;

namespace AutoScale.Fleet.RunPod;

/// <summary>
/// Where and how worker pods are rented on RunPod (REST API v2). Bound from the <c>RunPod</c> section.
/// The API key is a secret: it is sent only as the bearer token and never logged or put in a message.
/// </summary>
public sealed class RunPodOptions : IValidatableObject
{
    public const string SectionName = "RunPod";

    /// <summary>The RunPod API key. Required; no default.</summary>
    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary>The API server; <c>/v2/...</c> paths are appended. Default <c>https://api.runpod.io</c>.</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://api.runpod.io";

    /// <summary>The worker image when a provision request names none. No default.</summary>
    public string? ImageName { get; set; }

    /// <summary>
    /// GPU types to try, most preferred first, spelled exactly as RunPod's ids. Default RTX 4090, RTX A5000, L4.
    /// Configuration replaces the whole list (see <see cref="RunPodServiceCollectionExtensions"/>).
    /// </summary>
    [MinLength(1)]
    public string[] GpuTypeIds { get; set; } = [];

    /// <summary>Data centers to try for each GPU type, in order. Default empty: RunPod chooses.</summary>
    public string[] DataCenterIds { get; set; } = [];

    /// <summary><c>SECURE</c> (the default) or <c>COMMUNITY</c>.</summary>
    [AllowedValues("SECURE", "COMMUNITY")]
    public string Cloud { get; set; } = "SECURE";

    /// <summary>Container disk in GB (wiped on restart). Default 20.</summary>
    [Range(1, 10_000)]
    public int ContainerDiskGb { get; set; } = 20;

    /// <summary>
    /// Put workers on RunPod's private global network (silos dial each other's <c>podnet1</c> address) rather than
    /// expose a public symmetric TCP port. Needs an NVIDIA GPU in a data center that offers it. Default false.
    /// </summary>
    public bool GlobalNetworking { get; set; }

    /// <summary>A network volume (models) to mount in every worker, or none (the default).</summary>
    public string? NetworkVolumeId { get; set; }

    /// <summary>Where <see cref="NetworkVolumeId"/> is mounted. Default <c>/models</c>.</summary>
    [Required]
    public string MountPath { get; set; } = "/models";

    /// <summary>
    /// Names of the pods this fleet owns start with it; pods without it are never listed or terminated.
    /// Default <c>autoscale-</c>.
    /// </summary>
    [Required]
    [MinLength(2)]
    public string NamePrefix { get; set; } = "autoscale-";

    /// <summary>The lowest CUDA version a host may have, as <c>major.minor</c>; none (the default) accepts any.</summary>
    [RegularExpression(@"^\d+\.\d+$")]
    public string? MinCudaVersion { get; set; }

    /// <summary>The RunPod registry credential id for a private image, or none (the default).</summary>
    public string? RegistryAuthId { get; set; }

    /// <summary>The longest one API call may take, retries and their waits included. Default 60 s.</summary>
    [Range(1, 3600)]
    public double RequestTimeoutSeconds { get; set; } = 60;

    /// <summary>The longest one HTTP attempt may take. Default 20 s.</summary>
    [Range(0.05, 3600)]
    public double AttemptTimeoutSeconds { get; set; } = 20;

    /// <summary>Retries after a rate limit or a transient failure, per call. Default 4.</summary>
    [Range(1, 20)]
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first backoff delay; later ones grow exponentially (with jitter). Default 1 s.</summary>
    [Range(0.001, 600)]
    public double RetryBaseDelaySeconds { get; set; } = 1;

    /// <summary>The longest backoff delay. A 429's <c>Retry-After</c> is honoured as sent. Default 30 s.</summary>
    [Range(0.001, 3600)]
    public double RetryMaxDelaySeconds { get; set; } = 30;

    internal static IReadOnlyList<string> DefaultGpuTypeIds { get; } = ["NVIDIA GeForce RTX 4090", "NVIDIA RTX A5000", "NVIDIA L4"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttemptTimeoutSeconds > RequestTimeoutSeconds)
        {
            yield return new ValidationResult(
                "RunPod:AttemptTimeoutSeconds must not exceed RunPod:RequestTimeoutSeconds.", [nameof(AttemptTimeoutSeconds)]);
        }

        if (RetryMaxDelaySeconds < RetryBaseDelaySeconds)
        {
            yield return new ValidationResult(
                "RunPod:RetryMaxDelaySeconds must not be below RunPod:RetryBaseDelaySeconds.", [nameof(RetryMaxDelaySeconds)]);
        }

        if (GpuTypeIds.Any(string.IsNullOrWhiteSpace) || DataCenterIds.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult(
                "RunPod:GpuTypeIds and RunPod:DataCenterIds must not contain blank entries.", [nameof(GpuTypeIds), nameof(DataCenterIds)]);
        }
    }
}
