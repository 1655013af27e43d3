using System.ComponentModel.DataAnnotations;

namespace AutoScale.Gateway.Operators;

/// <summary>Bound from the <c>Operators</c> section: the history behind the /ops chart.</summary>
public sealed class OperatorOptions
{
    public const string SectionName = "Operators";

    /// <summary>How often the gateway samples the scaler's overview for the chart. Default 5 s.</summary>
    [Range(1, 300)]
    public int SampleSeconds { get; set; } = 5;

    /// <summary>How much history the gateways keep in PostgreSQL (<c>fleet_history</c>). Default 60 minutes.</summary>
    [Range(1, 24 * 60)]
    public int HistoryMinutes { get; set; } = 60;
}
