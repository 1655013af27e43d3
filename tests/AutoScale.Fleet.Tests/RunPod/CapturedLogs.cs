using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AutoScale.Fleet.Tests.RunPod;

/// <summary>Every log line (Trace and up, from every category, exceptions included), kept for assertions.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Text => string.Join(Environment.NewLine, _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> fields
                ? string.Join(" ", fields.Select(field => $"{field.Key}={Show(field.Value)}"))
                : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{structured}] {exception}");
        }

        private static string? Show(object? value) => value switch
        {
            string text => text,
            System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>()),
            _ => value?.ToString(),
        };
    }
}
