using System.Text.Json;
using AutoScale.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace AutoScale.Gateway.Dashboard;

/// <summary>
/// The dashboard's pages about one silo ask that silo's own dashboard service, which only the gateway's control silo
/// loads: workers serve no HTTP. For a worker silo the gateway answers them itself, instead of the 500 the missing
/// service would cause: its runtime statistics from Orleans' management grain, its role, pool and engine from its
/// silo metadata, and no dashboard counters.
/// </summary>
internal sealed class WorkerSiloPages(ISiloMetadataCache siloMetadata, IGrainFactory grains, IOptions<DashboardOptions> options)
    : IEndpointFilter
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, IncludeFields = true };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var (page, address) = PageOf(context.HttpContext.Request.Path);
        if (page is not ("SiloProperties" or "SiloCounters" or "HistoricalStats")
            || !SiloAddressParser.TryParse(address, out var silo)
            || siloMetadata.GetSiloMetadata(silo).Metadata is not { } metadata
            || metadata.GetValueOrDefault(SiloMetadataKeys.Role) != SiloRole.Worker)
        {
            return await next(context);
        }

        return page switch
        {
            "SiloProperties" => Results.Json(new Dictionary<string, string>
            {
                ["role"] = SiloRole.Worker,
                ["pool"] = metadata.GetValueOrDefault(SiloMetadataKeys.Pool) ?? "",
                ["engine"] = metadata.GetValueOrDefault(SiloMetadataKeys.Engine) ?? "",
                ["dashboard"] = "not loaded on worker silos (they serve no HTTP); their work is on /ops and /metrics",
            }, Json),
            "SiloCounters" => Results.Json(Array.Empty<object>(), Json),
            _ => Results.Json(await HistoryAsync(silo), Json),
        };
    }

    /// <summary>The page name and the silo address of <c>/dashboard/{page}/{address}</c>; no page for any other path.</summary>
    internal static (string? Page, string Address) PageOf(PathString path)
    {
        if (!path.StartsWithSegments(DashboardEndpoints.Path, StringComparison.Ordinal, out var remaining) || !remaining.HasValue)
        {
            return (null, "");
        }

        var rest = remaining.Value![1..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (null, "") : (rest[..slash], Uri.UnescapeDataString(rest[(slash + 1)..]));
    }

    /// <summary>The dashboard's history shape (oldest first, unknown entries null), with only the latest known.</summary>
    private async Task<SiloRuntimeStatistics?[]> HistoryAsync(SiloAddress silo)
    {
        var current = (await grains.GetGrain<IManagementGrain>(0).GetRuntimeStatistics([silo])).FirstOrDefault();
        var history = new SiloRuntimeStatistics?[Math.Max(1, options.Value.HistoryLength)];
        history[^1] = current;
        return history;
    }
}
