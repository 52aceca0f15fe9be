using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Testing;

namespace RevenueCycle.Messaging.Tests;

public sealed class OutboxRelayTests
{
    private static ClaimAdjudicatedIntegrationEvent Event(string claim) => new(claim, "r", "p", "icn", "1", 1, 1, 0, 0, null);

    [Fact]
    public async Task PublishPending_PublishesInOrderAndAcknowledges()
    {
        var store = new InMemoryDocumentStore();
        var transport = new RecordingEventTransport();
        var relay = new OutboxRelay(store, transport, new MessagingOptions(), NullLogger<OutboxRelay>.Instance);
        await store.CommitAsync(new ChangeSet().Publish(Event("C1")).Publish(Event("C2")), TestContext.Current.CancellationToken);

        var (published, failed) = await relay.PublishPendingAsync(TestContext.Current.CancellationToken);

        Assert.Equal((2, 0), (published, failed));
        Assert.Equal(["C1", "C2"], transport.Events<ClaimAdjudicatedIntegrationEvent>(Topics.ClaimAdjudicated).Select(e => e.ClaimId));
        Assert.Empty(await store.ReadPendingAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PublishPending_TransportDown_KeepsEverythingForTheNextTry()
    {
        var store = new InMemoryDocumentStore();
        var transport = new RecordingEventTransport { Fail = true };
        var relay = new OutboxRelay(store, transport, new MessagingOptions(), NullLogger<OutboxRelay>.Instance);
        await store.CommitAsync(new ChangeSet().Publish(Event("C1")), TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), await relay.PublishPendingAsync(TestContext.Current.CancellationToken));
        transport.Fail = false;
        await relay.PublishPendingAsync(TestContext.Current.CancellationToken);

        Assert.Single(transport.Published);
        Assert.Empty(await store.ReadPendingAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PoisonMessage_DoesNotHoldBackTheOthers()
    {
        var store = new InMemoryDocumentStore();
        var poison = Event("C-poison");
        var transport = new RecordingEventTransport { Refuse = id => id == poison.Id };
        var relay = new OutboxRelay(store, transport, new MessagingOptions(), NullLogger<OutboxRelay>.Instance);
        await store.CommitAsync(new ChangeSet().Publish(poison).Publish(Event("C2")), TestContext.Current.CancellationToken);
        await store.CommitAsync(new ChangeSet().Publish(Event("C3")), TestContext.Current.CancellationToken);

        Assert.Equal((2, 1), await relay.PublishPendingAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["C2", "C3"], transport.Events<ClaimAdjudicatedIntegrationEvent>(Topics.ClaimAdjudicated).Select(e => e.ClaimId));
        Assert.Equal([poison.Id], (await store.ReadPendingAsync(10, TestContext.Current.CancellationToken)).Select(m => m.Id)); // kept, not lost
    }

    [Fact]
    public async Task DaprTransport_PublishesTheCommittedJsonToTheTopicOnThePubSub()
    {
        var (dapr, publications) = RecordingDaprClient.Create();
        var store = new InMemoryDocumentStore();
        var relay = new OutboxRelay(store, new DaprEventTransport(dapr, "pubsub"), new MessagingOptions(), NullLogger<OutboxRelay>.Instance);
        var adjudicated = Event("C9");
        await store.CommitAsync(new ChangeSet().Publish(adjudicated), TestContext.Current.CancellationToken);

        await relay.PublishPendingAsync(TestContext.Current.CancellationToken);

        var publication = Assert.Single(publications);
        Assert.Equal(("pubsub", Topics.ClaimAdjudicated), (publication.PubsubName, publication.Topic));
        var data = Assert.IsType<System.Text.Json.JsonElement>(publication.Data);
        Assert.Equal(adjudicated.Id, data.GetProperty("id").GetString());
        Assert.Equal("C9", data.GetProperty("claimId").GetString());
    }
}
