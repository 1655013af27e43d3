using AutoScale.Interfaces.Fleet;

namespace AutoScale.Gateway.Catalogue;

/// <summary>Whether a model's pool can do work now, can be scaled up for it, or cannot (and why).</summary>
public sealed record ModelAvailability(string Status, int ReadyWorkers, string? Reason)
{
    public const string Serving = "serving";
    public const string Scalable = "scalable";
    public const string Unavailable = "unavailable";
    public const string Unknown = "unknown";

    public static ModelAvailability Of(string pool, FleetOverview? fleet)
    {
        if (fleet is null)
        {
            return new ModelAvailability(Unknown, 0, "the scaler did not answer");
        }

        var view = fleet.Pools.FirstOrDefault(p => p.Pool == pool);
        return view switch
        {
            { Ready: > 0 } => new ModelAvailability(Serving, view.Ready, null),
            { UnservableReason: { } reason } => new ModelAvailability(Unavailable, 0, reason),
            { Scaled: true, MaxWorkers: > 0 } => new ModelAvailability(Scalable, 0, null),
            { Scaled: true } => new ModelAvailability(Unavailable, 0, $"pool {pool} may have at most 0 workers (its bounds)"),
            _ => new ModelAvailability(
                Unavailable, 0, $"no worker serves pool {pool} and the fleet (provider {fleet.Provider}) does not start workers for it"),
        };
    }
}
