using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AutoScale.Gateway.Health;

/// <summary>Ready only while this process's silo is an active member of the cluster.</summary>
public sealed class ClusterHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The control silo is {status}, not active in the cluster."));
    }
}
