using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Testing;
using RevenueCycle.Webhooks.Domain;
using StackExchange.Redis;

namespace RevenueCycle.Webhooks.Tests.Domain;

/// <summary>The deliveries in memory (the single-process run).</summary>
public sealed class WebhookUseCasesTests : WebhookUseCasesContract
{
    protected override IDocumentStore NewStore() => new InMemoryDocumentStore();
}

/// <summary>The same over a real Redis, where the indexes are sorted sets and the lease a watched transaction.</summary>
[RequiresRedis]
public sealed class WebhookUseCasesOverRedisTests(RedisFixture redis) : WebhookUseCasesContract, IClassFixture<RedisFixture>, IDisposable
{
    private readonly IConnectionMultiplexer _connection = redis.Connect(redis.NewConnectionString());

    protected override IDocumentStore NewStore() =>
        new RedisDocumentStore(_connection, $"webhooks-{Guid.NewGuid():N}", new OutboxSignal(), TimeSpan.FromDays(1), TimeSpan.FromSeconds(30));

    public void Dispose() => _connection.Dispose();
}

/// <summary>Subscriptions, signed deliveries, the retry schedule, dead letters, replay and leases, on either store.</summary>
public abstract class WebhookUseCasesContract
{
    private static readonly WebhookSettings Settings = new([TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)], AllowHttp: true, TimeSpan.FromSeconds(15));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private readonly WebhookUseCases _webhooks;
    private readonly Endpoint _endpoint = new();

    protected WebhookUseCasesContract() => _webhooks = new WebhookUseCases(NewStore(), Settings, _clock);

    protected abstract IDocumentStore NewStore();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IncomingEvent Event(string id, string topic = "claim-denied") =>
        new(id, topic, new DateTimeOffset(2026, 12, 7, 8, 59, 0, TimeSpan.Zero), $$"""{"id":"{{id}}","claimId":"clm-1"}""");

    [Fact]
    public async Task ASubscription_NeedsAUsableUrlAndKnownTopics_EachFieldNamed()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            new WebhookUseCases(NewStore(), Settings with { AllowHttp = false }, _clock)
                .CreateSubscriptionAsync("k1", "denials-app", "http://denials.internal/hook", ["claim-denied", "claim-paid"], Ct));

        Assert.Equal(["url", "topics[1]"], error.Violations.Select(v => v.Field));
        Assert.Equal("must be an absolute https URL", error.Violations[0].Description);
        Assert.StartsWith("is not a topic (", error.Violations[1].Description, StringComparison.Ordinal);
        Assert.Empty(await _webhooks.ListSubscriptionsAsync(Ct)); // nothing was stored
    }

    [Fact]
    public async Task AnEvent_IsDeliveredSigned_ToTheSubscriptionsOfItsTopic_Once()
    {
        var denials = await _webhooks.CreateSubscriptionAsync("k1", "denials-app", "http://127.0.0.1:9/denials", ["claim-denied"], Ct);
        var again = await _webhooks.CreateSubscriptionAsync("k1", "denials-app", "http://127.0.0.1:9/denials", ["claim-denied"], Ct);
        await _webhooks.CreateSubscriptionAsync("k2", "payments-app", "http://127.0.0.1:9/payments", ["claim-adjudicated"], Ct);

        Assert.Equal((denials.Id, denials.Secret), (again.Id, again.Secret)); // the same key is the same subscription
        Assert.Equal(1, await _webhooks.AcceptAsync(Event("evt-1"), Ct));
        Assert.Equal(0, await _webhooks.AcceptAsync(Event("evt-1"), Ct)); // redelivered by the bus: nothing new
        Assert.Equal(1, await _webhooks.SendDueAsync(_endpoint, 10, Ct));

        var (url, headers, body) = Assert.Single(_endpoint.Received);
        Assert.Equal("http://127.0.0.1:9/denials", url);
        Assert.Equal("evt-1", headers["webhook-id"]);
        Assert.Equal("""{"type":"claim-denied","timestamp":"2026-12-07T08:59:00.0000000+00:00","data":{"id":"evt-1","claimId":"clm-1"}}""", body);
        Assert.Null(WebhookSignature.Verify(denials.Secret, headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body, _clock.GetUtcNow()));
        Assert.Equal(DeliveryState.Delivered, Assert.Single(await _webhooks.ListDeliveriesAsync(denials.Id, null, 10, Ct)).State);
        Assert.Equal(0, await _webhooks.SendDueAsync(_endpoint, 10, Ct));
    }

    [Fact]
    public async Task AFailingEndpoint_IsRetriedOnSchedule_ThenDeadLettered_AndAReplayDeliversTheSameBody()
    {
        var subscription = await _webhooks.CreateSubscriptionAsync("k1", "denials-app", "http://127.0.0.1:9/denials", ["claim-denied"], Ct);
        await _webhooks.AcceptAsync(Event("evt-1"), Ct);
        _endpoint.Failing = true;

        Assert.Equal(1, await _webhooks.SendDueAsync(_endpoint, 10, Ct));
        Assert.Equal(0, await _webhooks.SendDueAsync(_endpoint, 10, Ct)); // not due yet: 5 s (+-10%)
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await _webhooks.SendDueAsync(_endpoint, 10, Ct));
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await _webhooks.SendDueAsync(_endpoint, 10, Ct));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await _webhooks.SendDueAsync(_endpoint, 10, Ct)); // the third and last attempt

        var dead = Assert.Single(await _webhooks.ListDeliveriesAsync(subscription.Id, DeliveryState.Dead, 10, Ct));
        Assert.Equal((3, "HTTP 503"), (dead.Attempts, dead.LastOutcome));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await _webhooks.SendDueAsync(_endpoint, 10, Ct)); // dead stays dead

        _endpoint.Failing = false;
        var replayed = Assert.Single(await _webhooks.ReplayAsync(subscription.Id, [], Ct));
        Assert.Equal(DeliveryState.Pending, replayed.State);
        Assert.Equal(1, await _webhooks.SendDueAsync(_endpoint, 10, Ct));

        Assert.Equal(DeliveryState.Delivered, Assert.Single(await _webhooks.ListDeliveriesAsync(subscription.Id, null, 10, Ct)).State);
        Assert.Single(_endpoint.Received.Select(r => r.Body).Distinct()); // every attempt sent the same bytes under the same id
        Assert.All(_endpoint.Received, r => Assert.Equal("evt-1", r.Headers["webhook-id"]));
    }

    [Fact]
    public async Task OnlyDeadDeliveries_AreReplayed_TheOthersNamed()
    {
        var subscription = await _webhooks.CreateSubscriptionAsync("k1", "denials-app", "http://127.0.0.1:9/denials", ["claim-denied"], Ct);
        await _webhooks.AcceptAsync(Event("evt-1"), Ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _webhooks.ReplayAsync(subscription.Id, ["evt-1"], Ct));

        Assert.Equal(("event_ids[0]", "'evt-1' is pending, not dead; only dead deliveries are replayed"), (error.Violations[0].Field, error.Violations[0].Description));
    }

    [Fact]
    public async Task TwoWorkers_SendADeliveryOnce_TheLeaseKeepsTheSecondOff()
    {
        await _webhooks.CreateSubscriptionAsync("k1", "denials-app", "http://127.0.0.1:9/denials", ["claim-denied"], Ct);
        await _webhooks.AcceptAsync(Event("evt-1"), Ct);
        var slow = new Endpoint { Gate = new TaskCompletionSource() };

        var first = _webhooks.SendDueAsync(slow, 10, Ct);
        await slow.Started.Task;
        var second = await _webhooks.SendDueAsync(slow, 10, Ct);
        slow.Gate.SetResult();

        Assert.Equal((1, 0), (await first, second));
        Assert.Single(slow.Received);
    }

    [Fact]
    public async Task ADeletedSubscription_GetsNoMoreDeliveries()
    {
        var subscription = await _webhooks.CreateSubscriptionAsync("k1", "denials-app", "http://127.0.0.1:9/denials", ["claim-denied"], Ct);
        await _webhooks.AcceptAsync(Event("evt-1"), Ct);
        await _webhooks.DeleteSubscriptionAsync(subscription.Id, Ct);

        await _webhooks.SendDueAsync(_endpoint, 10, Ct);

        Assert.Empty(_endpoint.Received);
        Assert.Equal(0, await _webhooks.AcceptAsync(Event("evt-2"), Ct));
        Assert.Equal("the subscription was deleted", Assert.Single(await _webhooks.ListDeliveriesAsync(subscription.Id, DeliveryState.Dead, 10, Ct)).LastOutcome);
    }

    private sealed class Endpoint : IWebhookSender
    {
        public ConcurrentQueue<(string Url, IReadOnlyDictionary<string, string> Headers, string Body)> Received { get; } = new();

        public bool Failing { get; set; }

        public TaskCompletionSource? Gate { get; init; }

        public TaskCompletionSource Started { get; } = new();

        public async Task<AttemptResult> SendAsync(string url, IReadOnlyDictionary<string, string> headers, string body, CancellationToken cancellationToken)
        {
            Received.Enqueue((url, headers, body));
            Started.TrySetResult();
            if (Gate is not null)
            {
                await Gate.Task;
            }

            return Failing ? new AttemptResult(false, "HTTP 503") : new AttemptResult(true, "HTTP 204");
        }
    }
}
