using Microsoft.Extensions.Logging;

namespace AutoScale.Grains.Scaling;

public sealed partial class ScalerGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Scaler active: provider {Provider}, {Live} live workers on record, pools {Pools}")]
    private partial void LogActivated(string provider, int live, string pools);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pool {Pool}, {Action}: {From} → {To} workers: {Reason}")]
    private partial void LogDecision(string pool, string action, int from, int to, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} of pool {Pool} is {Stage}, {Seconds:0.0} s after it was asked for. {Reason}")]
    private partial void LogMoved(string workerId, string pool, string stage, double seconds, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminating worker {WorkerId} failed; trying again next tick")]
    private partial void LogTerminateFailed(Exception exception, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool}: no worker could be started: {Reason}")]
    private partial void LogProvisionFailed(string pool, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing the provider's workers failed; the fleet is reconciled later")]
    private partial void LogReconcileFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pool {Pool} cannot be served with image '{Image}', so it is not scaled up until an operator acts: {Reason}")]
    private partial void LogUnservable(string pool, string image, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A scaler tick failed")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording a {Action} event for pool {Pool} failed")]
    private partial void LogEventFailed(Exception exception, string pool, string action);
}
