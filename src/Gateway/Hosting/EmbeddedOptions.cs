namespace AutoScale.Gateway.Hosting;

/// <summary>The embedded default (no <c>ConnectionStrings:Postgres</c> given). Bound from the <c>Embedded</c> section.</summary>
public sealed class EmbeddedOptions
{
    public const string SectionName = "Embedded";

    /// <summary>Where the private PostgreSQL cluster and the generated keys live. Default <c>.data</c> under the content root.</summary>
    public string? DataPath { get; set; }

    /// <summary>
    /// Whether this gateway makes sure of the <c>default</c> tenant and prints the URL and keys. Where several gateways
    /// share one data folder (<c>GATEWAYS=2 ./run.sh</c>), only the first does, so they are printed once. Default true.
    /// </summary>
    public bool Announce { get; set; } = true;

    /// <summary>The address users reach, when gateways sit behind a load balancer. Default: this gateway's own.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The gateways behind <see cref="PublicUrl"/>, named in the announcement (where they run).</summary>
    public string[] Gateways { get; set; } = [];

    /// <summary>
    /// Whether the private PostgreSQL stops when this gateway stops. Several gateways share one server, which must
    /// outlive any one of them: there whoever started them stops it after the last. Default true.
    /// </summary>
    public bool StopPostgres { get; set; } = true;
}
