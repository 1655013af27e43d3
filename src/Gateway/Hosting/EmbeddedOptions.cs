namespace AutoScale.Gateway.Hosting;

/// <summary>The embedded default (no <c>ConnectionStrings:Postgres</c> given). Bound from the <c>Embedded</c> section.</summary>
public sealed class EmbeddedOptions
{
    public const string SectionName = "Embedded";

    /// <summary>Where the private PostgreSQL cluster and the generated keys live. Default <c>.data</c> under the content root.</summary>
    public string? DataPath { get; set; }
}
