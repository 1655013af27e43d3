using AutoScale.Fleet.Providers;
using AutoScale.Fleet.RunPod;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>
/// The RunPod provider as the product wires it (<see cref="RunPodServiceCollectionExtensions.AddRunPodFleet"/>),
/// pointed at a <see cref="FakeRunPodServer"/>, with short backoff delays and every log line captured.
/// </summary>
internal sealed class RunPodHarness : IAsyncDisposable
{
    public const string Image = "ghcr.io/example/autoscale-worker:1.4.2";

    private readonly ServiceProvider _services;

    private RunPodHarness(FakeRunPodServer server, ServiceProvider services, CapturedLogs logs)
    {
        Server = server;
        _services = services;
        Logs = logs;
        Provider = services.GetRequiredService<IFleetProvider>();
    }

    public FakeRunPodServer Server { get; }

    public IFleetProvider Provider { get; }

    public CapturedLogs Logs { get; }

    public static async Task<RunPodHarness> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, string apiKey = FakeRunPodServer.ApiKey)
    {
        var server = await FakeRunPodServer.StartAsync();
        var configuration = new Dictionary<string, string?>
        {
            ["RunPod:ApiKey"] = apiKey,
            ["RunPod:BaseUrl"] = server.BaseUrl.ToString(),
            ["RunPod:ImageName"] = Image,
            ["RunPod:RetryBaseDelaySeconds"] = "0.01",
            ["RunPod:RetryMaxDelaySeconds"] = "0.05",
            ["RunPod:MaxRetryAttempts"] = "3",
            ["RunPod:AttemptTimeoutSeconds"] = "5",
            ["RunPod:RequestTimeoutSeconds"] = "20",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var logs = new CapturedLogs();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddRunPodFleet(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .BuildServiceProvider();
        return new RunPodHarness(server, services, logs);
    }

    public static ProvisionRequest Request(string pool = "espeak", string? workerId = null, string image = Image) => new(
        workerId ?? $"autoscale-{pool}-{Guid.NewGuid():N}"[..30],
        pool,
        image,
        new Dictionary<string, string>
        {
            ["Orleans__ClusterId"] = "autoscale",
            ["ConnectionStrings__Postgres"] = "Host=db.example;Password=not-the-api-key",
            ["Worker__Pool"] = pool,
        });

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
