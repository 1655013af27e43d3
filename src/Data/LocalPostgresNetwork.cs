namespace AutoScale.Data;

/// <summary>
/// A second address for <see cref="LocalPostgresCluster"/> to listen on (one of this machine's, e.g. a test bridge's) and
/// the network, in CIDR form, whose clients it lets in.
/// </summary>
public sealed record LocalPostgresNetwork(string ListenAddress, string ClientNetwork);
