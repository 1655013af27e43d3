namespace AutoScale.Fleet.Providers;

/// <summary>
/// One worker to start. <paramref name="WorkerId"/> is the fleet's name for it (prefix, pool, random part) and doubles
/// as its provisioning token: the worker publishes it as silo metadata, which is how the scaler recognises it in the
/// membership. <paramref name="Environment"/> is the cluster's settings for a worker (connection string, cluster id,
/// pool, the token); providers add their own (ports, addresses).
/// </summary>
public sealed record ProvisionRequest(
    string WorkerId,
    string Pool,
    string Image,
    IReadOnlyDictionary<string, string> Environment);
