namespace AutoScale.Interfaces.Catalogue;

/// <summary>
/// What one pool's workers can speak (key: the pool), for models whose voices are the ones their workers find on disk
/// rather than a list in configuration. Kept in PostgreSQL, so the catalogue of every gateway lists them, and remembered
/// after the pool has scaled to zero.
/// </summary>
[Alias("pool-voices")]
public interface IPoolVoicesGrain : IGrainWithStringKey
{
    /// <summary>A ready worker of the pool reports its engine's voices; they replace what the pool had before.</summary>
    [Alias("report")]
    Task ReportAsync(string workerId, IReadOnlyList<ReportedVoice> voices);
}
