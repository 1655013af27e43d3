using AutoScale.Grains.Catalogue;
using AutoScale.Interfaces.Catalogue;
using AutoScale.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AutoScale.Grains.Tests.Catalogue;

/// <summary>The voices workers report, on a real PostgreSQL, as the catalogue reads them back.</summary>
public sealed class PoolVoiceStoreTests : IAsyncLifetime
{
    private NpgsqlDataSource _database = null!;
    private PoolVoiceStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(await TestPostgres.CreateMigratedDatabaseAsync("poolvoices"));
        _store = new PoolVoiceStore(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_report_replaces_the_pools_voices_and_leaves_other_pools_alone()
    {
        var now = DateTimeOffset.UtcNow;
        await _store.ReplaceAsync("kokoro", "worker-1", [Voice("af_heart"), Voice("af_old")], now);
        await _store.ReplaceAsync("espeak", "worker-2", [Voice("en-us")], now);

        await _store.ReplaceAsync("kokoro", "worker-3",
            [Voice("af_heart"), Voice("ef_dora", "es"), new ReportedVoice { Id = "zf_xiaoyi", Languages = [], UnavailableReason = "needs jieba" }], now);
        var stored = await _store.LoadAsync();

        Assert.Equal(["af_heart", "ef_dora", "zf_xiaoyi"], stored["kokoro"].Select(v => v.Id));
        Assert.Equal(["es"], stored["kokoro"][1].Languages);
        Assert.Empty(stored["kokoro"][2].Languages);
        Assert.Equal("needs jieba", stored["kokoro"][2].UnavailableReason);
        Assert.Equal(["en-us"], stored["espeak"].Select(v => v.Id));
    }

    [Fact]
    public async Task The_catalogue_awaits_a_discovering_pools_voices_only_until_the_store_has_them()
    {
        var catalogue = new ModelCatalogue(Options.Create(new CatalogueOptions { Models = CatalogueOptions.Default() }));
        Assert.False(catalogue.AwaitsVoices("kokoro")); // not before the store was read once

        catalogue.Reported(await _store.LoadAsync());
        Assert.True(catalogue.AwaitsVoices("kokoro"));
        Assert.False(catalogue.AwaitsVoices("espeak")); // configured voices

        await _store.ReplaceAsync("kokoro", "worker-1", [Voice("af_bella"), Voice("af_heart")], DateTimeOffset.UtcNow);
        catalogue.Reported(await _store.LoadAsync());

        Assert.False(catalogue.AwaitsVoices("kokoro"));
        var voices = catalogue.VoicesOf(catalogue.Find("kokoro")!);
        Assert.True(voices.Known);
        Assert.Equal(["af_bella", "af_heart"], voices.Available);
        Assert.Equal("af_heart", voices.DefaultVoice);
    }

    private static ReportedVoice Voice(string id, string language = "en-us") => new() { Id = id, Languages = [language] };
}
