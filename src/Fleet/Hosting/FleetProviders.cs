namespace AutoScale.Fleet.Hosting;

public static class FleetProviders
{
    public const string Local = "local";
    public const string RunPod = "runpod";
    public const string None = "none";
}
