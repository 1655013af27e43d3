namespace AutoScale.Fleet.RunPod;

/// <summary>
/// A create that failed for a reason that is nobody's fault (5xx, a dropped connection, a timeout) and may even have
/// placed the pod: it is retried on the same candidate, after checking whether the pod exists after all.
/// </summary>
internal sealed class RunPodTransientException(string message) : Exception(message);
