using Microsoft.Extensions.Logging;

namespace AutoScale.Fleet.RunPod;

internal sealed partial class RunPodFleetProvider
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created pod {PodId} for worker {WorkerId} on {Candidate} at {CostPerHourUsd} USD/h")]
    private static partial void LogCreated(ILogger logger, string podId, string workerId, PlacementCandidate candidate, decimal costPerHourUsd);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {PodId} named {WorkerId} already exists; it is the worker")]
    private static partial void LogAdopted(ILogger logger, string podId, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "RunPod would not place worker {WorkerId} on {Candidate}: {Reason}; trying the next candidate")]
    private static partial void LogRefused(ILogger logger, string workerId, PlacementCandidate candidate, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating worker {WorkerId} on {Candidate} failed transiently: {Reason}")]
    private static partial void LogTransient(ILogger logger, string workerId, PlacementCandidate candidate, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminated pod {PodId} of worker {WorkerId}")]
    private static partial void LogTerminated(ILogger logger, string podId, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {PodId} is already gone")]
    private static partial void LogAlreadyGone(ILogger logger, string podId);
}
