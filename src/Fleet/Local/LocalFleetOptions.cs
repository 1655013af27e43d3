using System.ComponentModel.DataAnnotations;

namespace AutoScale.Fleet.Local;

/// <summary>Worker silo processes on this machine (<c>Fleet:Local</c>).</summary>
public sealed class LocalFleetOptions
{
    public const string SectionName = "Fleet:Local";

    /// <summary>
    /// The folder holding a built worker (<c>AutoScale.Silo.dll</c>): the local provider's "image". Default: the worker
    /// built beside this gateway in the checkout (<c>src/Silo/bin/&lt;configuration&gt;/net10.0</c>).
    /// </summary>
    public string? WorkerDirectory { get; set; }

    /// <summary>Where each worker's output goes (<c>&lt;worker id&gt;.log</c>). Default: a folder under the system's temp folder.</summary>
    public string? LogDirectory { get; set; }

    /// <summary>Most worker processes at once. Default: the machine's cores.</summary>
    [Range(1, 1024)]
    public int MaxProcesses { get; set; } = Environment.ProcessorCount;

    /// <summary>Stop the workers (they hand back their work) when the gateway stops. Default true.</summary>
    public bool StopWorkersOnShutdown { get; set; } = true;

    /// <summary>How long a terminated worker may take before it is killed. Default 40 s.</summary>
    [Range(1, 3600)]
    public int StopGraceSeconds { get; set; } = 40;
}
