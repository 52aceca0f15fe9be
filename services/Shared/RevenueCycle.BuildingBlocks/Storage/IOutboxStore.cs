using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.BuildingBlocks.Storage;

/// <summary>
/// The relay's side of the outbox that <see cref="BuildingBlocks.Storage.ChangeSet.Publish"/> fills: read what is
/// not yet published, acknowledge what is. A message stays until acknowledged, so a crash between publish and
/// acknowledge re-publishes it (at least once); handlers dedupe on the event id.
/// </summary>
public interface IOutboxStore
{
    Task<IReadOnlyList<OutboxMessage>> ReadPendingAsync(int max, CancellationToken cancellationToken);

    Task AcknowledgeAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>Completes when a commit may have added messages, or after <paramref name="timeout"/>.</summary>
    Task WaitForMessagesAsync(TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>Wakes the relay right after a commit that queued events, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal
{
    private volatile TaskCompletionSource _next = NewSource();

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = _next.Task;
        try
        {
            await pending.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Polling interval elapsed: the relay looks again anyway (another replica may have written).
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
