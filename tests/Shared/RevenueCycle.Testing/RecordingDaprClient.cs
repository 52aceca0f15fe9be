using System.Collections.Concurrent;
using Castle.DynamicProxy;
using Dapr.Client;

namespace RevenueCycle.Testing;

/// <summary>
/// A <see cref="DaprClient"/> subclass (generated at run time over DaprClient's 56 abstract members) that records
/// every <c>PublishEventAsync</c> — pub/sub name, topic, payload — and refuses every other call.
/// </summary>
public static class RecordingDaprClient
{
    public sealed record Publication(string PubsubName, string Topic, object? Data);

    public static (DaprClient Client, IReadOnlyCollection<Publication> Publications) Create()
    {
        var recorder = new Recorder();
        var client = new ProxyGenerator().CreateClassProxy<DaprClient>(recorder);
        return (client, recorder.Publications);
    }

    private sealed class Recorder : IInterceptor
    {
        public ConcurrentQueue<Publication> Publications { get; } = new();

        public void Intercept(IInvocation invocation)
        {
            if (invocation.Method.Name == nameof(DaprClient.PublishEventAsync) && invocation.Arguments.Length >= 3)
            {
                Publications.Enqueue(new Publication((string)invocation.Arguments[0]!, (string)invocation.Arguments[1]!, invocation.Arguments[2]));
                invocation.ReturnValue = Task.CompletedTask;
                return;
            }

            if (invocation.Method.Name == nameof(DaprClient.Dispose))
            {
                return;
            }

            throw new NotSupportedException($"RecordingDaprClient does not support {invocation.Method.Name}.");
        }
    }
}
