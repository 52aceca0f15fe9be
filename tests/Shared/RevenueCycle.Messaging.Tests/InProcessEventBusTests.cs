using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Messaging.Tests;

public sealed class InProcessEventBusTests
{
    /// <summary>Fails the first <c>FailuresLeft</c> deliveries, then records the event.</summary>
    private sealed class FlakyHandler(State state) : IIntegrationEventHandler<ClaimAdjudicatedIntegrationEvent>
    {
        public Task HandleAsync(ClaimAdjudicatedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref state.FailuresLeft) >= 0)
            {
                throw new InvalidOperationException("handler failed");
            }

            state.Handled.Add(integrationEvent.Id);
            return Task.CompletedTask;
        }
    }

    private sealed class State
    {
        public int FailuresLeft;
        public List<string> Handled { get; } = [];
    }

    private static (InProcessEventBus Bus, State State, DeadLetterStore DeadLetters) Build(int failures)
    {
        var state = new State { FailuresLeft = failures };
        var services = new ServiceCollection()
            .AddSingleton(state)
            .AddEventHandler<ClaimAdjudicatedIntegrationEvent, FlakyHandler>(Topics.ClaimAdjudicated)
            .AddSingleton<EventDispatcher>()
            .BuildServiceProvider();
        var deadLetters = new DeadLetterStore(new InMemoryDocumentStore(), TimeProvider.System);
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance, maxDeliveryAttempts: 3);
        bus.Subscribe("collections", services.GetRequiredService<EventDispatcher>(), deadLetters);
        return (bus, state, deadLetters);
    }

    private static OutboxMessage Message() => OutboxMessage.From(new ClaimAdjudicatedIntegrationEvent("C1", "r", "p", "icn", "1", 1, 1, 0, 0, null));

    [Fact]
    public async Task TransientFailures_AreRetried()
    {
        var (bus, state, deadLetters) = Build(failures: 2);

        await bus.PublishAsync(Message(), TestContext.Current.CancellationToken);

        Assert.Single(state.Handled);
        Assert.Empty(await deadLetters.ListAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PersistentFailure_IsDeadLetteredNotLost()
    {
        var (bus, state, deadLetters) = Build(failures: 99);
        var message = Message();

        await bus.PublishAsync(message, TestContext.Current.CancellationToken);

        Assert.Empty(state.Handled);
        var deadLetter = Assert.Single(await deadLetters.ListAsync(10, TestContext.Current.CancellationToken));
        Assert.Equal((message.Id, Topics.ClaimAdjudicated, message.Json), (deadLetter.EventId, deadLetter.Topic, deadLetter.Json));
        Assert.Contains("after 3 attempts", deadLetter.Reason);
    }

    [Fact]
    public async Task MalformedPayload_IsDeadLetteredAtOnce()
    {
        var (bus, state, deadLetters) = Build(failures: 0);

        await bus.PublishAsync(new OutboxMessage("evt-x", Topics.ClaimAdjudicated, """{"id":"evt-x","paidCents":"lots"}""", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        Assert.Empty(state.Handled);
        Assert.Equal(0, state.FailuresLeft);
        Assert.Contains("$.paidCents", Assert.Single(await deadLetters.ListAsync(10, TestContext.Current.CancellationToken)).Reason);
    }

    [Theory]
    [InlineData("""{"claimId":"C1","remittanceId":"r","payerId":"p","payerClaimControlNumber":"i","claimStatusCode":"1","chargeCents":1,"paidCents":1,"adjustmentCents":0,"patientResponsibilityCents":0,"patientAccountId":null}""", "no id")]
    [InlineData("""{"id":"e1","claimId":null,"remittanceId":"r","payerId":"p","payerClaimControlNumber":"i","claimStatusCode":"1","chargeCents":1,"paidCents":1,"adjustmentCents":0,"patientResponsibilityCents":0,"patientAccountId":null}""", "$.claimId")]
    [InlineData("""{"id":"e2","claimId":"C1"}""", "missing")]
    public async Task IncompleteEvent_IsDeadLetteredNotHalfRead(string json, string reason)
    {
        var (bus, state, deadLetters) = Build(failures: 0);

        await bus.PublishAsync(new OutboxMessage("m", Topics.ClaimAdjudicated, json, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        Assert.Empty(state.Handled);
        Assert.Contains(reason, Assert.Single(await deadLetters.ListAsync(10, TestContext.Current.CancellationToken)).Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TopicWithoutSubscribers_IsANoOp()
    {
        var (bus, state, deadLetters) = Build(failures: 0);

        await bus.PublishAsync(OutboxMessage.From(new ClaimSubmittedIntegrationEvent("C1", 1, "1", "p", "a", 1, [])), TestContext.Current.CancellationToken);

        // Neither handled by the claim-adjudicated subscriber nor set aside as undeliverable.
        Assert.Empty(state.Handled);
        Assert.Empty(await deadLetters.ListAsync(10, TestContext.Current.CancellationToken));
    }
}
