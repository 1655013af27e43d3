namespace AutoScale.Fleet.RunPod.Api;

/// <summary>
/// The spec's PodStatus values. Kept as strings, not an enum, so a status RunPod adds later does not break
/// reading the whole pod list.
/// </summary>
internal static class PodStatus
{
    public const string Provisioning = "PROVISIONING";
    public const string Starting = "STARTING";
    public const string Running = "RUNNING";
    public const string Exited = "EXITED";
    public const string Error = "ERROR";
    public const string Terminated = "TERMINATED";
}
