using System.Text.RegularExpressions;

namespace AutoScale.Artifacts.S3;

/// <summary>
/// The bucket of <c>Artifacts:Store=s3</c> (section <c>Artifacts:S3</c>): AWS S3 or any S3-compatible service
/// (Supabase Storage, Cloudflare R2, MinIO) through <see cref="Endpoint"/>.
/// </summary>
public sealed partial class S3ArtifactOptions
{
    /// <summary>The service URL, e.g. <c>https://&lt;ref&gt;.supabase.co/storage/v1/s3</c>; empty for AWS itself.</summary>
    public string Endpoint { get; set; } = "";

    public string Bucket { get; set; } = "job-artifacts";

    public string Region { get; set; } = "us-east-1";

    /// <summary>With <see cref="SecretKey"/>; both empty uses the SDK's default credentials (environment, instance role).</summary>
    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    /// <summary>Bucket in the path (<c>endpoint/bucket/key</c>) rather than the host name; what most S3-compatible services need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Whether downloads may be handed out as presigned bucket URLs; off, the gateway streams every download.</summary>
    public bool PresignedDownloads { get; set; }

    public int PresignedSeconds { get; set; } = 300;

    /// <summary>Where to send requests and how to describe it in messages (never with credentials).</summary>
    public string EndpointDescription => string.IsNullOrEmpty(Endpoint) ? $"AWS S3 ({Region})" : Endpoint;

    /// <summary>What is wrong with these settings, one message per setting; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrEmpty(Endpoint)
            && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            yield return "Artifacts:S3:Endpoint (environment Artifacts__S3__Endpoint) must be an absolute http or https URL, or empty for AWS S3.";
        }

        if (!BucketName().IsMatch(Bucket))
        {
            yield return $"Artifacts:S3:Bucket (environment Artifacts__S3__Bucket) is '{Bucket}'; a bucket name is 3 to 63 lower-case letters, digits, dots and hyphens.";
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            yield return "Artifacts:S3:Region (environment Artifacts__S3__Region) is required (e.g. us-east-1; S3-compatible services usually accept any).";
        }

        if (string.IsNullOrEmpty(AccessKey) != string.IsNullOrEmpty(SecretKey))
        {
            yield return "Artifacts:S3:AccessKey and Artifacts:S3:SecretKey (environment Artifacts__S3__AccessKey, Artifacts__S3__SecretKey) must be set together, or both left empty for the AWS default credentials.";
        }

        if (PresignedSeconds is < 1 or > 604_800)
        {
            yield return "Artifacts:S3:PresignedSeconds (environment Artifacts__S3__PresignedSeconds) must be between 1 and 604800 (7 days, the longest S3 signs for).";
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
