using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.Messaging.Tests;

/// <summary>
/// The sidecar-free transport when a subscriber does not take an event (its handler asks for a retry because what it
/// needs is down, or the app itself is down): the publish fails so the outbox keeps the event, the other apps still
/// get it, the dead-letter topic only after <see cref="MessagingOptions.DeadLetterAfter"/>, and a circuit per app
/// while it is unreachable so a backlog is not retried message by message.
/// </summary>
public sealed class HttpEventTransportTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly Apps _apps = new();

    private HttpEventTransport Transport(params string[] apps) => new(new HttpClient(_apps), new MessagingOptions { Subscribers = apps.Length > 0 ? [.. apps] : ["http://coding/"], MaxDeliveryAttempts = 1 },
        "posting", NullLogger<HttpEventTransport>.Instance, _clock);

    private OutboxMessage Message(string id, TimeSpan age) => new(id, "claim-denied", $$"""{"id":"{{id}}"}""", _clock.GetUtcNow() - age);

    [Fact]
    public async Task SubscriberAsksForRetry_PublishFails_AndNothingGoesToTheDeadLetterTopic()
    {
        _apps.Refusing.Add("coding");

        await Assert.ThrowsAsync<HttpRequestException>(() => Transport().PublishAsync(Message("e1", TimeSpan.FromMinutes(5)), TestContext.Current.CancellationToken));

        Assert.Equal(["coding GET /dapr/subscribe", "coding POST /events/claim-denied"], _apps.Requests);
    }

    [Fact]
    public async Task OneAppRefusing_DoesNotKeepTheEventFromTheOthers()
    {
        _apps.Refusing.Add("coding");

        await Assert.ThrowsAsync<HttpRequestException>(() => Transport("http://coding/", "http://eligibility/").PublishAsync(Message("e1", TimeSpan.Zero), TestContext.Current.CancellationToken));

        Assert.Contains("eligibility POST /events/claim-denied", _apps.Requests);
    }

    [Fact]
    public async Task SubscriberRefusingForLongerThanDeadLetterAfter_GetsItOnItsDeadLetterTopic_EvenAfterManyRefusals()
    {
        _apps.Refusing.Add("coding");
        var transport = Transport();
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => transport.PublishAsync(Message($"young{i}", TimeSpan.FromMinutes(1)), TestContext.Current.CancellationToken));
        }

        await transport.PublishAsync(Message("old", TimeSpan.FromHours(25)), TestContext.Current.CancellationToken);

        Assert.Equal(["coding POST /events/claim-denied", "coding POST /events/coding.claim-denied.deadletter"], _apps.Requests[^2..]);
    }

    [Fact]
    public async Task AppDown_TheCircuitOpens_SoLaterEventsWaitInTheOutboxWithoutAsking_UntilItHalfOpens()
    {
        var transport = Transport();
        await transport.PublishAsync(Message("e0", TimeSpan.Zero), TestContext.Current.CancellationToken); // subscriptions known
        _apps.Down.Add("coding");
        for (var i = 1; i < 4; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => transport.PublishAsync(Message($"e{i}", TimeSpan.Zero), TestContext.Current.CancellationToken));
        }

        var asked = _apps.Requests.Count;
        await Assert.ThrowsAsync<HttpRequestException>(() => transport.PublishAsync(Message("e4", TimeSpan.Zero), TestContext.Current.CancellationToken));
        Assert.Equal(asked, _apps.Requests.Count);

        _clock.Advance(TimeSpan.FromSeconds(3));
        _apps.Down.Clear();
        await transport.PublishAsync(Message("e4", TimeSpan.Zero), TestContext.Current.CancellationToken);
        Assert.Equal("coding POST /events/claim-denied", _apps.Requests[^1]);
    }

    /// <summary>Apps subscribed to claim-denied (with a dead-letter topic), by host: refusing ones answer RETRY, down ones cannot be reached.</summary>
    private sealed class Apps : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        public HashSet<string> Refusing { get; } = [];

        public HashSet<string> Down { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (host, path) = (request.RequestUri!.Host, request.RequestUri.AbsolutePath);
            Requests.Add($"{host} {request.Method} {path}");
            if (Down.Contains(host))
            {
                throw new HttpRequestException("Connection refused");
            }

            var (status, body) = path switch
            {
                "/dapr/subscribe" => (HttpStatusCode.OK, $$"""
                    [{"pubsubname":"pubsub","topic":"claim-denied","route":"/events/claim-denied","deadLetterTopic":"{{host}}.claim-denied.deadletter"},
                     {"pubsubname":"pubsub","topic":"{{host}}.claim-denied.deadletter","route":"/events/{{host}}.claim-denied.deadletter"}]
                    """),
                "/events/claim-denied" when Refusing.Contains(host) => (HttpStatusCode.InternalServerError, """{"status":"RETRY"}"""),
                _ => (HttpStatusCode.OK, """{"status":"SUCCESS"}"""),
            };
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
