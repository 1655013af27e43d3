using System.Net;

namespace AutoScale.Hosting.Networking;

/// <summary>
/// Where this silo listens and what it publishes in the membership table for other silos to dial.
/// <paramref name="Source"/> says which settings or RunPod variables decided it, for the start-up log.
/// </summary>
public sealed record SiloEndpoints(IPEndPoint Advertised, IPEndPoint Listening, string Source);
