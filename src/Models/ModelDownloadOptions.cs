using System.ComponentModel.DataAnnotations;

namespace AutoScale.Models;

/// <summary>Where model files go and how patient a download is. <see cref="Validate"/> before use.</summary>
public sealed class ModelDownloadOptions
{
    /// <summary>The models folder (<c>Models:Path</c>); a manifest's folder is made under it. Required.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ModelsPath { get; set; } = "";

    /// <summary>Tries after a request that failed on the way (a cut connection, a 5xx, a stall) and added no bytes. Default 4.</summary>
    [Range(0, 20)]
    public int Retries { get; set; } = 4;

    /// <summary>The wait before the first retry, doubled for each further one (up to 30 s). Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a HEAD, or a GET's headers, may take before it counts as failed. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a download may go without a byte before the connection counts as cut. Default 60 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public RetrySchedule RetrySchedule => new(Retries, RetryDelay, TimeSpan.FromSeconds(30));

    /// <exception cref="ValidationException">A value out of its range; the message names it.</exception>
    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
