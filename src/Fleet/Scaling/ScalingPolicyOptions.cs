using System.ComponentModel.DataAnnotations;

namespace AutoScale.Fleet.Scaling;

/// <summary>The cluster-wide knobs of <see cref="ScalingPolicy"/>.</summary>
public sealed class ScalingPolicyOptions
{
    /// <summary>The longest a backlog should take to drain before the fleet grows. Default 60 s.</summary>
    [Range(0.1, 3600)]
    public double TargetWaitSeconds { get; set; } = 60;
}
