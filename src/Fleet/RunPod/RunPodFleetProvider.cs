using System.Net;
using AutoScale.Fleet.Providers;
using AutoScale.Fleet.RunPod.Api;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Refit;

namespace AutoScale.Fleet.RunPod;

/// <summary>
/// Worker silos as RunPod GPU pods, through REST API v2. A pod's name is the worker id, which starts with
/// <see cref="RunPodOptions.NamePrefix"/>: that prefix is how the fleet knows its own pods, and pods without it are
/// never listed or terminated. Provisioning walks the placement candidates in order until one is placed.
/// </summary>
internal sealed partial class RunPodFleetProvider : IFleetProvider
{
    private readonly IRunPodApi _api;
    private readonly RunPodOptions _options;
    private readonly ILogger<RunPodFleetProvider> _logger;
    private readonly ResiliencePipeline _createRetry;

    public RunPodFleetProvider(
        IRunPodApi api, IOptions<RunPodOptions> options, TimeProvider timeProvider, ILogger<RunPodFleetProvider> logger)
    {
        _api = api;
        _options = options.Value;
        _logger = logger;
        _createRetry = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RunPodTransientException>(),
                MaxRetryAttempts = _options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(_options.RetryBaseDelaySeconds),
                MaxDelay = TimeSpan.FromSeconds(_options.RetryMaxDelaySeconds),
            })
            .Build();
    }

    public string Name => "runpod";

    /// <summary>A container image reference as RunPod takes it (<c>ghcr.io/owner/worker:tag</c>); the registry is not asked.</summary>
    public string? ProblemWithImage(string image) =>
        image.Length <= 300 && image.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/' or ':' or '@')
            ? null
            : $"'{image}' is not a container image reference (letters, digits and . - _ / : @ only, at most 300 characters).";

    public async Task<ProvisionedWorker> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.WorkerId.StartsWith(_options.NamePrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Worker id '{request.WorkerId}' does not start with the fleet's name prefix '{_options.NamePrefix}', " +
                "so the fleet would not recognise the pod as its own.", nameof(request));
        }

        if (await FindPodNamedAsync(request.WorkerId, cancellationToken) is { } existing)
        {
            LogAdopted(_logger, existing.Id, request.WorkerId);
            return WorkerPods.ToWorker(existing, _options.NamePrefix);
        }

        var refusals = new List<CandidateRefusal>();
        foreach (var candidate in PlacementCandidate.InPreferenceOrder(_options))
        {
            var body = WorkerPodSpec.Compose(_options, request, candidate);
            if (await PlaceAsync(body, candidate, refusals, cancellationToken) is { } pod)
            {
                return WorkerPods.ToWorker(pod, _options.NamePrefix);
            }
        }

        throw NoPlacement(request.WorkerId, refusals);
    }

    public async Task<IReadOnlyList<ProvisionedWorker>> ListAsync(CancellationToken cancellationToken)
    {
        var pods = await OwnedPodsAsync(cancellationToken);
        return [.. pods.Select(pod => WorkerPods.ToWorker(pod, _options.NamePrefix))];
    }

    public async Task TerminateAsync(string providerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerId);
        try
        {
            // Looked at first so that a wrong id can never end someone else's pod.
            var pod = await _api.GetPodAsync(providerId, cancellationToken);
            if (!pod.Name.StartsWith(_options.NamePrefix, StringComparison.Ordinal))
            {
                throw new FleetProviderException(
                    $"Pod {providerId} is not the fleet's (its name lacks the prefix '{_options.NamePrefix}'); it was left alone.");
            }

            await _api.DeletePodAsync(providerId, cancellationToken);
            LogTerminated(_logger, providerId, pod.Name);
        }
        catch (ApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            LogAlreadyGone(_logger, providerId);
        }
        catch (ApiException exception)
        {
            throw await RefusedAsync($"terminate pod {providerId}", exception);
        }
        catch (ApiRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable($"terminate pod {providerId}", exception);
        }
    }

    /// <summary>
    /// Creates on one candidate. Null when it was refused (recorded in <paramref name="refusals"/>); throws when no
    /// candidate can succeed. A transient failure is retried here, on the same candidate, but only after looking
    /// whether the failed attempt placed the pod after all, so one worker id never becomes two pods.
    /// </summary>
    private async Task<Pod?> PlaceAsync(
        CreatePodRequest body, PlacementCandidate candidate, List<CandidateRefusal> refusals, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            return await _createRetry.ExecuteAsync(
                async token =>
                {
                    if (attempts++ > 0 && await FindPodNamedAsync(body.Name, token) is { } placed)
                    {
                        LogAdopted(_logger, placed.Id, body.Name);
                        return placed;
                    }

                    return await CreateOnceAsync(body, candidate, refusals, token);
                },
                cancellationToken);
        }
        catch (RunPodTransientException exception)
        {
            if (await FindPodNamedAsync(body.Name, cancellationToken) is { } placed)
            {
                LogAdopted(_logger, placed.Id, body.Name);
                return placed;
            }

            throw new FleetProviderException(
                $"RunPod failed {attempts} times to create {body.Name} on {candidate}; last: {exception.Message}");
        }
    }

    private async Task<Pod?> CreateOnceAsync(
        CreatePodRequest body, PlacementCandidate candidate, List<CandidateRefusal> refusals, CancellationToken cancellationToken)
    {
        try
        {
            var pod = await _api.CreatePodAsync(body, cancellationToken);
            LogCreated(_logger, pod.Id, body.Name, candidate, pod.Cost);
            return pod;
        }
        catch (ApiException exception)
        {
            var error = await RunPodError.ReadAsync(exception, _options.ApiKey);
            switch (exception.StatusCode)
            {
                case HttpStatusCode.BadRequest:
                case HttpStatusCode.Forbidden:
                    LogRefused(_logger, body.Name, candidate, error.Summary);
                    refusals.Add(new CandidateRefusal(candidate, error));
                    return null;
                case HttpStatusCode.Unauthorized:
                    throw RejectedKey();
                case HttpStatusCode.PaymentRequired:
                    throw new FleetProviderException($"RunPod will not create {body.Name}: insufficient balance ({error}).");
                case HttpStatusCode.UnprocessableEntity:
                    throw new FleetProviderException($"RunPod rejected the pod request for {body.Name} as invalid: {error}");
                case HttpStatusCode.TooManyRequests:
                    throw new FleetProviderException($"RunPod kept rate-limiting the create of {body.Name}: {error}");
                case HttpStatusCode.RequestTimeout:
                case >= HttpStatusCode.InternalServerError:
                    LogTransient(_logger, body.Name, candidate, error.Summary);
                    throw new RunPodTransientException(error.Summary);
                case < HttpStatusCode.Ambiguous:
                    // A success whose body could not be read: the pod may exist, which the retry looks for.
                    throw new RunPodTransientException($"HTTP {error.Code} with a pod that could not be read");
                default:
                    throw new FleetProviderException($"RunPod refused to create {body.Name}: {error}");
            }
        }
        catch (ApiRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = Describe(exception);
            LogTransient(_logger, body.Name, candidate, reason);
            throw new RunPodTransientException(reason);
        }
    }

    private async Task<Pod?> FindPodNamedAsync(string name, CancellationToken cancellationToken)
    {
        var pods = await OwnedPodsAsync(cancellationToken);
        return pods.Where(pod => pod.Name == name).OrderBy(pod => pod.CreatedAt).FirstOrDefault();
    }

    private async Task<IEnumerable<Pod>> OwnedPodsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await _api.ListPodsAsync(cancellationToken);
            return response.Pods.Where(pod => WorkerPods.IsOwnedAndAlive(pod, _options.NamePrefix));
        }
        catch (ApiException exception)
        {
            throw await RefusedAsync("list pods", exception);
        }
        catch (ApiRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable("list pods", exception);
        }
    }

    private Exception NoPlacement(string workerId, List<CandidateRefusal> refusals)
    {
        var tried = string.Join(", ", refusals);
        if (refusals.Count > 0 && refusals.All(refusal => refusal.Error.Status == HttpStatusCode.Forbidden))
        {
            return new FleetProviderException(
                $"RunPod refused access (HTTP 403) to every candidate for {workerId}: {tried}. Check the API key's permissions.");
        }

        // A rule the request breaks fails identically everywhere, so the last refusal is worth reading (per the spec).
        var last = refusals.LastOrDefault(refusal => refusal.Error.Status == HttpStatusCode.BadRequest);
        return new FleetCapacityException(
            $"No RunPod capacity for {workerId} on any of {refusals.Count} candidates: {tried}. Last refusal: {last?.Error}.");
    }

    private async Task<FleetProviderException> RefusedAsync(string action, ApiException exception)
    {
        if (exception.StatusCode == HttpStatusCode.Unauthorized)
        {
            return RejectedKey();
        }

        var error = await RunPodError.ReadAsync(exception, _options.ApiKey);
        return new FleetProviderException($"RunPod refused to {action}: {error}");
    }

    private FleetProviderException Unreachable(string action, ApiRequestException exception) =>
        new($"RunPod could not be asked to {action}: {Describe(exception)}");

    private static FleetProviderException RejectedKey() =>
        new("RunPod rejected the API key (HTTP 401); check RunPod:ApiKey.");

    private string Describe(ApiRequestException exception)
    {
        var cause = exception.InnerException ?? exception;
        return RunPodError.Redact($"{cause.GetType().Name}: {cause.Message}", _options.ApiKey);
    }
}
