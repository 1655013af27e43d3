using AutoScale.Interfaces.Jobs;

namespace AutoScale.Grains.Jobs;

/// <summary>A job with the name of the tenant that submitted it, as operators list them.</summary>
public sealed record TenantJob(JobSnapshot Job, string TenantName);
