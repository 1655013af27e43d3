using AutoScale.Fleet.Scaling;
using AutoScale.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace AutoScale.Grains.Scaling;

/// <summary>Reads the cluster membership, with each worker silo's metadata (its pool and fleet id), for the scaling core.</summary>
public sealed class MembershipReader(IClusterMembershipService membership, ISiloMetadataCache siloMetadata)
{
    public MembershipReading Read()
    {
        var members = membership.CurrentSnapshot.Members.Where(m => m.Value.Status != SiloStatus.Dead).ToList();
        var silos = new List<WorkerSilo>();
        foreach (var (address, member) in members)
        {
            var metadata = siloMetadata.GetSiloMetadata(address).Metadata;
            if (metadata.GetValueOrDefault(SiloMetadataKeys.Role) == SiloRole.Worker)
            {
                silos.Add(new WorkerSilo(
                    address.ToParsableString(),
                    member.Status == SiloStatus.Active,
                    metadata.GetValueOrDefault(SiloMetadataKeys.Pool) ?? "",
                    metadata.GetValueOrDefault(SiloMetadataKeys.FleetId)));
            }
        }

        return new MembershipReading(silos, members.Select(m => m.Key.ToParsableString()).ToHashSet(StringComparer.Ordinal));
    }
}
