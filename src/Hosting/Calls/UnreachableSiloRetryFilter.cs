using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AutoScale.Hosting.Calls;

/// <summary>
/// Retries a call from the control silo that was rejected because a silo could not be reached. Worker silos hold
/// parts of the grain directory, so while a crashed worker is not yet declared dead, activating or finding one of our
/// grains can be refused at once; the call never reached the grain, and the membership settles within the failure
/// detection time. Retrying, briefly, turns that window into a short wait instead of an error for the user.
/// </summary>
public sealed partial class UnreachableSiloRetryFilter(ILogger<UnreachableSiloRetryFilter> logger) : IOutgoingGrainCallFilter
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var clock = Stopwatch.StartNew();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            Exception? failure;
            try
            {
                await context.Invoke();
                failure = context.Response?.Exception;
            }
            catch (OrleansMessageRejectionException exception)
            {
                failure = exception;
                if (clock.Elapsed + delay > Budget)
                {
                    throw;
                }
            }

            if (failure is not OrleansMessageRejectionException || clock.Elapsed + delay > Budget)
            {
                return;
            }

            if (attempt == 1)
            {
                LogRetrying(context.InterfaceName, context.MethodName, failure.Message);
            }

            context.Response = null;
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, delay.Ticks * 2));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {Interface}.{Method} was refused ({Reason}); retrying while the membership settles")]
    private partial void LogRetrying(string @interface, string method, string reason);
}
