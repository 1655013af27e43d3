namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>
/// One answer the fake gives instead of the real one. <paramref name="PlacePodAnyway"/> (creates only) places the
/// pod before failing, as an upstream timeout after the work was done would.
/// </summary>
internal sealed record ScriptedFailure(int Status, string Detail, int? RetryAfterSeconds = null, bool PlacePodAnyway = false);
