using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace RevenueCycle.Testing;

/// <summary>
/// Keeps every log line (message, state values, exception and the scopes around it: the JSON console writes them)
/// so tests can check logs for PHI.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private static readonly AsyncLocal<ImmutableStack<string>> Scopes = new();

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            var outer = Scopes.Value ?? ImmutableStack<string>.Empty;
            Scopes.Value = outer.Push(state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : state.ToString() ?? "");
            return new Scope(() => Scopes.Value = outer);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            var scopes = Scopes.Value is { IsEmpty: false } stack ? " scopes: " + string.Join(" | ", stack) : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}{scopes}");
        }
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
