using System.Collections.Concurrent;
using Orleans.GrainDirectory;

namespace AutoScale.Hosting.GrainDirectories;

/// <summary>
/// A grain directory in this silo's memory, for grains that live and are called on the one control silo only (the
/// jobs): no round trip at all, and no dependence on other silos. Correct only while the cluster has one control
/// silo; with more, set <c>Cluster:JobDirectory=postgres</c>.
/// </summary>
public sealed class InMemoryGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _entries = new();

    public Task<GrainAddress?> Register(GrainAddress address) => Task.FromResult<GrainAddress?>(_entries.GetOrAdd(address.GrainId, address));

    public Task<GrainAddress?> Register(GrainAddress address, GrainAddress? previousAddress)
    {
        if (previousAddress is not null && _entries.TryGetValue(address.GrainId, out var current) && current.ActivationId == previousAddress.ActivationId)
        {
            _entries.TryUpdate(address.GrainId, address, current);
        }

        return Register(address);
    }

    public Task Unregister(GrainAddress address)
    {
        if (_entries.TryGetValue(address.GrainId, out var current) && current.ActivationId == address.ActivationId)
        {
            _entries.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, current));
        }

        return Task.CompletedTask;
    }

    public Task<GrainAddress?> Lookup(GrainId grainId) => Task.FromResult(_entries.TryGetValue(grainId, out var address) ? address : null);

    public Task UnregisterSilos(List<SiloAddress> siloAddresses)
    {
        var dead = siloAddresses.ToHashSet();
        foreach (var entry in _entries.Where(e => e.Value.SiloAddress is { } silo && dead.Contains(silo)))
        {
            _entries.TryRemove(entry);
        }

        return Task.CompletedTask;
    }
}
