using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>
/// RunPod's REST API v2 pod endpoints as the spec describes them, on a real Kestrel port: bearer auth (401 problem
/// otherwise), the create rules (<see cref="FakeCreatePodRules"/>), full Pod objects, <c>{"pods":[...]}</c> lists,
/// 204/404 deletes, RateLimit headers. Tests script what a real account meets: no capacity for a GPU type or data
/// center (400 with only a detail), no access to a pool (403), and one-off failures (429 with Retry-After, 5xx, 402…).
/// Every request is recorded.
/// </summary>
internal sealed class FakeRunPodServer : IAsyncDisposable
{
    /// <summary>Looks like a real key and is distinctive enough to search logs and messages for.</summary>
    public const string ApiKey = "rpa_FAKE3KEY7QX9ZL2M4N6P8R0T1V3W5Y7";

    private readonly WebApplication _app;
    private readonly string _apiKey;
    private readonly ConcurrentDictionary<string, JsonObject> _pods = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedFailure>> _failures = new();
    private readonly ConcurrentDictionary<(string Gpu, string? DataCenter), bool> _noCapacity = new();
    private readonly ConcurrentDictionary<string, bool> _forbiddenGpuTypes = new();

    private int _stopped;

    private FakeRunPodServer(WebApplication app, string apiKey)
    {
        _app = app;
        _apiKey = apiKey;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> Creates => [.. _requests.Where(request => request.IsCreate)];

    public IReadOnlyCollection<JsonObject> Pods => [.. _pods.Values];

    public static async Task<FakeRunPodServer> StartAsync(string apiKey = ApiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeRunPodServer(app, apiKey);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>Creates of this GPU type (in this data center, or in any when null) get a capacity 400.</summary>
    public void NoCapacityFor(string gpuTypeId, string? dataCenterId = null) => _noCapacity[(gpuTypeId, dataCenterId)] = true;

    /// <summary>Creates of this GPU type get a 403: the key may not use that pool.</summary>
    public void ForbidGpuType(string gpuTypeId) => _forbiddenGpuTypes[gpuTypeId] = true;

    /// <summary>The next <paramref name="method"/> request gets this answer instead (after authentication).</summary>
    public void FailNext(string method, ScriptedFailure failure) =>
        _failures.GetOrAdd(method, _ => new ConcurrentQueue<ScriptedFailure>()).Enqueue(failure);

    /// <summary>A pod that exists already, made by anyone: a worker of ours, a user's notebook…</summary>
    public string AddPod(string name, string status = "RUNNING", IReadOnlyDictionary<string, string>? env = null,
        string gpuTypeId = "NVIDIA GeForce RTX 4090", DateTimeOffset? createdAt = null)
    {
        var id = FakePods.NewId();
        var variables = new JsonObject();
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        _pods[id] = FakePods.Pod(
            id, name, "ghcr.io/example/worker:1", status, variables, ["70000/tcp"], gpuTypeId, 1, "SECURE", "EU-RO-1", 20, [],
            globalNetworking: false, createdAt ?? DateTimeOffset.UtcNow.AddMinutes(-30));
        return id;
    }

    public bool HasPod(string id) => _pods.ContainsKey(id);

    /// <summary>Stops answering: the port refuses connections from now on. Disposing twice is harmless.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            context.Items["body"] = body;
            _requests.Enqueue(new RecordedRequest(
                context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(), body, DateTimeOffset.UtcNow));

            if (Authenticate(context.Request) is { } unauthorized)
            {
                await Write(context, unauthorized);
                return;
            }

            context.Response.Headers["RateLimit"] = "\"minute\";r=59;t=60, \"hour\";r=2999;t=3600, \"day\";r=49999;t=86400";
            context.Response.Headers["RateLimit-Policy"] = "\"minute\";q=60;w=60, \"hour\";q=3000;w=3600, \"day\";q=50000;w=86400";
            await next(context);
        });

        app.MapGet("/v2/pods", (HttpContext context) => Scripted(context, () =>
            Results.Json(new JsonObject { ["pods"] = new JsonArray([.. _pods.Values.OrderBy(pod => (string)pod["createdAt"]!).Select(pod => pod.DeepClone())]) })));
        app.MapGet("/v2/pods/{id}", (HttpContext context, string id) => Scripted(context, () =>
            _pods.TryGetValue(id, out var pod) ? Results.Json(pod) : Problem(new FakeProblem(404, "Not Found", "pod not found"))));
        app.MapDelete("/v2/pods/{id}", (HttpContext context, string id) => Scripted(context, () =>
            _pods.TryRemove(id, out _) ? Results.NoContent() : Problem(new FakeProblem(404, "Not Found", "pod not found"))));
        app.MapPost("/v2/pods", (HttpContext context) => Scripted(context, () => Create((string)context.Items["body"]!)));
        app.MapFallback((HttpContext context) => Problem(new FakeProblem(405, "Method Not Allowed", $"{context.Request.Method} {context.Request.Path} is not part of this fake")));
    }

    private IResult Scripted(HttpContext context, Func<IResult> real)
    {
        if (!_failures.TryGetValue(context.Request.Method, out var queue) || !queue.TryDequeue(out var failure))
        {
            return real();
        }

        if (failure.PlacePodAnyway)
        {
            real();
        }

        if (failure.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Problem(new FakeProblem(failure.Status, ReasonPhrases.GetReasonPhrase(failure.Status), failure.Detail));
    }

    private IResult Create(string body)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException exception)
        {
            return Problem(new FakeProblem(400, "Bad Request", $"malformed JSON: {exception.Message}"));
        }

        if (FakeCreatePodRules.Check(json) is { } violation)
        {
            return Problem(violation);
        }

        var request = json!.AsObject();
        var gpuTypeId = request["gpu"]!["id"]!.GetValue<string>();
        var dataCenterIds = request["dataCenterIds"]?.AsArray().Select(dataCenter => dataCenter!.GetValue<string>()).ToList() ?? [];
        if (_forbiddenGpuTypes.ContainsKey(gpuTypeId))
        {
            return Problem(new FakeProblem(403, "Forbidden", "access denied"));
        }

        var full = _noCapacity.ContainsKey((gpuTypeId, null))
            || (dataCenterIds.Count > 0 && dataCenterIds.All(dataCenter => _noCapacity.ContainsKey((gpuTypeId, dataCenter))));
        if (full)
        {
            var where = dataCenterIds.Count == 0 ? "any data center" : string.Join(", ", dataCenterIds);
            return Problem(new FakeProblem(400, "Bad Request", $"There are no instances currently available for {gpuTypeId} in {where}"));
        }

        var id = FakePods.NewId();
        _pods[id] = FakePods.FromCreate(id, request, DateTimeOffset.UtcNow);

        return Results.Json(_pods[id], statusCode: StatusCodes.Status201Created);
    }

    private FakeProblem? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return new FakeProblem(401, "Unauthorized", "missing bearer token");
        }

        return header["Bearer ".Length..] == _apiKey ? null : new FakeProblem(401, "Unauthorized", "invalid bearer token");
    }

    private static IResult Problem(FakeProblem problem) =>
        Results.Json(problem.ToJson(), contentType: "application/problem+json", statusCode: problem.Status);

    private static Task Write(HttpContext context, FakeProblem problem) => Problem(problem).ExecuteAsync(context);
}
