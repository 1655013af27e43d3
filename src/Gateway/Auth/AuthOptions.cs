using System.ComponentModel.DataAnnotations;

namespace AutoScale.Gateway.Auth;

/// <summary>Bound from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// The admin key (<c>Auth:AdminKey</c>): reaches <c>/admin/*</c> and the operator pages. Required, at least 16
    /// characters; the embedded default makes one and keeps it in its data folder. Never logged.
    /// </summary>
    [Required(ErrorMessage = "Auth:AdminKey is required (environment Auth__AdminKey).")]
    [MinLength(16, ErrorMessage = "Auth:AdminKey must be at least 16 characters.")]
    public string AdminKey { get; set; } = "";

    /// <summary>
    /// How long a tenant key found valid is trusted without asking the database again. Default 60 s. A revoked key is
    /// dropped from every gateway's cache within about a second whatever this is (see <c>KeyRevocationWatcher</c>).
    /// </summary>
    [Range(0, 3600)]
    public int KeyCacheSeconds { get; set; } = 60;

    /// <summary>How many unrevoked keys a tenant may hold at once (two while it rotates). Default 5.</summary>
    [Range(1, 100, ErrorMessage = "Auth:MaxActiveKeysPerTenant must be from 1 to 100.")]
    public int MaxActiveKeysPerTenant { get; set; } = 5;

    /// <summary>How long an admin's browser session (the <c>/login</c> cookie) lasts. Default 12 hours.</summary>
    [Range(1, 720)]
    public int AdminSessionHours { get; set; } = 12;

    public override string ToString() => "AuthOptions { AdminKey = [redacted] }";
}
