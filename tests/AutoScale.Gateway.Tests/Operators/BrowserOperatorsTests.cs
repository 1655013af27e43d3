using AutoScale.Gateway.Tests.Fleet;
using AutoScale.Gateway.Tests.Infrastructure;
using AutoScale.Testing;
using Xunit.Abstractions;

namespace AutoScale.Gateway.Tests.Operators;

/// <summary>
/// tests/js/browser-ops.mjs in a real Chromium against a real gateway running the local fleet from zero workers:
/// /try speaks and plays a sentence, /ops (after /login) lists the job and shows the fleet scaling up for it,
/// /dashboard opens. Its screenshots are kept in .data/test-results/screenshots.
/// </summary>
public sealed class BrowserOperatorsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    private LocalFleet _fleet = null!;

    private GatewayInstance Gateway => _fleet.Gateway;

    public static string ScreenshotDirectory => Path.Combine(RepositoryLayout.Root, ".data", "test-results", "screenshots");

    public async Task InitializeAsync() =>
        _fleet = await LocalFleet.StartAsync("browserops", maxWorkers: 1, idleSeconds: 60, new Dictionary<string, string>
        {
            ["Operators__SampleSeconds"] = "1",
        });

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [BrowserFact]
    public async Task A_tenant_hears_its_sentence_on_the_try_page_while_the_operator_sees_it_on_ops()
    {
        var tenantKey = await Gateway.CreateTenantAsync("browser");
        Directory.CreateDirectory(ScreenshotDirectory);

        var (exitCode, log) = await RunScriptAsync("browser-ops.mjs", new Dictionary<string, string>
        {
            ["BASE_URL"] = Gateway.BaseAddress.ToString().TrimEnd('/'),
            ["ADMIN_KEY"] = Gateway.AdminKey,
            ["TENANT_KEY"] = tenantKey,
            ["SCREENSHOT_DIR"] = ScreenshotDirectory,
            ["CHROMIUM"] = BrowserFactAttribute.Chromium,
        });

        output.WriteLine(log);
        Assert.True(exitCode == 0, $"browser-ops.mjs exited with {exitCode}:\n{log}\nGateway:\n{Gateway.Process.RecentOutput}");
        foreach (var screenshot in new[] { "try.png", "ops.png", "dashboard.png" })
        {
            Assert.True(new FileInfo(Path.Combine(ScreenshotDirectory, screenshot)) is { Exists: true, Length: > 0 }, $"{screenshot} was not saved.");
        }
    }

    private static async Task<(int ExitCode, string Log)> RunScriptAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var result = await ExternalCommand.RunAsync(
            BrowserFactAttribute.Node!, [script], ScriptTimeout, BrowserFactAttribute.ScriptsDirectory,
            environment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value));
        return (result.ExitCode, result.AllOutput);
    }
}
