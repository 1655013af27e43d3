using System.ComponentModel.DataAnnotations;

namespace AutoScale.Gateway.Jobs;

/// <summary>Limits of the jobs API. Bound from the <c>Jobs</c> section.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>The longest text a job accepts, in UTF-16 code units (<c>Jobs:MaxCharacters</c>). Default 1,000,000.</summary>
    [Range(1, 50_000_000)]
    public int MaxCharacters { get; set; } = 1_000_000;

    /// <summary>The largest request body, in bytes; 0 (the default) means 4 bytes per allowed character plus 64 KiB.</summary>
    [Range(0, int.MaxValue)]
    public long MaxRequestBytes { get; set; }

    /// <summary>The largest <c>metadata</c> object, as compact JSON, in bytes. Default 4096.</summary>
    [Range(0, 1_000_000)]
    public int MaxMetadataBytes { get; set; } = 4096;

    /// <summary>The body limit in force.</summary>
    public long EffectiveMaxRequestBytes => MaxRequestBytes > 0 ? MaxRequestBytes : (4L * MaxCharacters) + (64 * 1024);
}
