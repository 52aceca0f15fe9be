using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Messaging.Tests;

public sealed class DeadLetterStoreTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    private DeadLetterStore DeadLetters => new(_store, _clock);

    [Fact]
    public async Task Replay_Handled_LeavesTheList_AndKeepsTheRecordMarkedReplayed()
    {
        var ct = TestContext.Current.CancellationToken;
        await DeadLetters.RecordAsync("claim-denied", """{"id":"e1"}""", "refused", ct);
        _clock.Advance(TimeSpan.FromHours(2));
        var handled = new List<string>();

        var replayed = await DeadLetters.ReplayAsync("claim-denied", "e1", d => { handled.Add(d.Json); return Task.CompletedTask; }, ct);

        Assert.Equal(["""{"id":"e1"}"""], handled);
        Assert.Equal(_clock.GetUtcNow(), replayed!.ReplayedAt);
        Assert.Empty(await DeadLetters.ListAsync(10, ct));
        Assert.NotNull((await _store.GetAsync<DeadLetter>("deadletter:claim-denied:e1", ct))!.Value.ReplayedAt); // nothing is lost
        Assert.Null(await DeadLetters.ReplayAsync("claim-denied", "e1", _ => throw new InvalidOperationException("not again"), ct));
    }

    [Fact]
    public async Task Replay_RefusedAgain_Throws_AndTheDeadLetterStays()
    {
        var ct = TestContext.Current.CancellationToken;
        await DeadLetters.RecordAsync("claim-denied", """{"id":"e1"}""", "refused", ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => DeadLetters.ReplayAsync("claim-denied", "e1", _ => throw new InvalidOperationException("still down"), ct));

        Assert.Equal("e1", Assert.Single(await DeadLetters.ListAsync(10, ct)).EventId);
    }

    [Fact]
    public async Task Replay_UnknownEvent_IsNull()
    {
        Assert.Null(await DeadLetters.ReplayAsync("claim-denied", "nope", _ => Task.CompletedTask, TestContext.Current.CancellationToken));
    }
}
