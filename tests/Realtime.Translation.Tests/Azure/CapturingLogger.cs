using Microsoft.Extensions.Logging;

namespace Realtime.Translation.Tests.Azure;

/// <summary>Keeps every log entry: the formatted message, its structured values and the exception.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly Lock gate = new();
    private readonly List<string> entries = [];

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(", ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
            : string.Empty;
        lock (gate)
        {
            entries.Add($"{logLevel} {eventId.Id} {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
