using AutoScale.Testing;

namespace AutoScale.Gateway.Tests.Chaos;

/// <summary>A fact that runs gateways behind a private HAProxy: skipped, saying so, when haproxy is not installed.</summary>
public sealed class HaproxyFactAttribute : FactAttribute
{
    public HaproxyFactAttribute()
    {
        if (HaproxyProcess.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}
