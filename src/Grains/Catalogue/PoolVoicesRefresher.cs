using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoScale.Grains.Catalogue;

/// <summary>
/// Rereads <c>pool_voices</c> into the <see cref="ModelCatalogue"/> at start and every <see cref="CatalogueOptions.RefreshSeconds"/>,
/// so reports that reached another gateway (or arrived before a restart) are listed here too.
/// </summary>
public sealed partial class PoolVoicesRefresher(
    PoolVoiceStore store, ModelCatalogue catalogue, IOptions<CatalogueOptions> options, TimeProvider time, ILogger<PoolVoicesRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds), time);
        do
        {
            try
            {
                catalogue.Reported(await store.LoadAsync(stoppingToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The database may be briefly down: the catalogue keeps what it had.
                LogRefreshFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rereading the voices workers reported failed; the catalogue keeps what it had")]
    private partial void LogRefreshFailed(Exception exception);
}
