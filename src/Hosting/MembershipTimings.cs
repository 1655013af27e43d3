using Orleans.Configuration;

namespace AutoScale.Hosting;

/// <summary>
/// The product's failure-detection timings, applied before <c>Orleans:Membership</c> (which overrides any of them).
/// Orleans' own defaults (a probe every 5 s, three missed, the table re-read every minute) declare a SIGKILLed gateway
/// dead after about 18 s; until then its grains (a pool's queue, the scaler, jobs) answer nowhere.
/// </summary>
public static class MembershipTimings
{
    /// <summary>
    /// A probe every 2 s to each of up to three silos, suspected after three unanswered (6 s of silence: longer than a
    /// GC pause or a starved thread pool on a loaded 2-core host, and Orleans stretches the wait while the prober itself
    /// lags), dead on two votes. Cost: 1.5 probes a second per silo (a ping and its answer, a few hundred bytes), so
    /// 6 a second for 2 gateways and 2 workers and 78 for 52 silos; the membership table is re-read every 10 s and each
    /// silo's I-am-alive row written every 30 s (52 silos: 5 reads and under 2 writes a second).
    /// </summary>
    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);
    }
}
