using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.Messaging.Tests;

/// <summary>
/// The sidecar-free transport when a subscriber does not take an event (its handler asks for a retry because what it
/// needs is down): the publish fails so the outbox keeps the event, the dead-letter topic only after
/// <see cref="MessagingOptions.DeadLetterAfter"/>, and a circuit per app so a backlog is not retried message by message.
/// </summary>
public sealed class HttpEventTransportTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly RefusingApp _app = new();

    private HttpEventTransport Transport() => new(new HttpClient(_app), new MessagingOptions { Subscribers = ["http://coding/"], MaxDeliveryAttempts = 1 },
        "posting", NullLogger<HttpEventTransport>.Instance, _clock);

    private OutboxMessage Message(string id, TimeSpan age) => new(id, "claim-denied", $$"""{"id":"{{id}}"}""", _clock.GetUtcNow() - age);

    [Fact]
    public async Task SubscriberAsksForRetry_PublishFails_AndNothingGoesToTheDeadLetterTopic()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => Transport().PublishAsync(Message("e1", TimeSpan.FromMinutes(5)), TestContext.Current.CancellationToken));

        Assert.Equal(["GET /dapr/subscribe", "POST /events/claim-denied"], _app.Requests);
    }

    [Fact]
    public async Task SubscriberRefusingForLongerThanDeadLetterAfter_GetsItOnItsDeadLetterTopic()
    {
        await Transport().PublishAsync(Message("e1", TimeSpan.FromHours(25)), TestContext.Current.CancellationToken);

        Assert.Equal(["GET /dapr/subscribe", "POST /events/claim-denied", "POST /events/coding.claim-denied.deadletter"], _app.Requests);
    }

    [Fact]
    public async Task AppKeepsRefusing_TheCircuitOpens_SoLaterEventsWaitInTheOutboxWithoutAsking_UntilItHalfOpens()
    {
        var transport = Transport();
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => transport.PublishAsync(Message($"e{i}", TimeSpan.Zero), TestContext.Current.CancellationToken));
        }

        var asked = _app.Requests.Count;
        await Assert.ThrowsAsync<HttpRequestException>(() => transport.PublishAsync(Message("e3", TimeSpan.Zero), TestContext.Current.CancellationToken));
        Assert.Equal(asked, _app.Requests.Count);

        _clock.Advance(TimeSpan.FromSeconds(3));
        _app.Refusing = false;
        await transport.PublishAsync(Message("e3", TimeSpan.Zero), TestContext.Current.CancellationToken);
        Assert.Equal("POST /events/claim-denied", _app.Requests[^1]);
    }

    /// <summary>An app subscribed to claim-denied (with a dead-letter topic) whose handler answers RETRY.</summary>
    private sealed class RefusingApp : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        public bool Refusing { get; set; } = true;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Requests.Add($"{request.Method} {path}");
            var (status, body) = path switch
            {
                "/dapr/subscribe" => (HttpStatusCode.OK, """
                    [{"pubsubname":"pubsub","topic":"claim-denied","route":"/events/claim-denied","deadLetterTopic":"coding.claim-denied.deadletter"},
                     {"pubsubname":"pubsub","topic":"coding.claim-denied.deadletter","route":"/events/coding.claim-denied.deadletter"}]
                    """),
                "/events/claim-denied" when Refusing => (HttpStatusCode.InternalServerError, """{"status":"RETRY"}"""),
                _ => (HttpStatusCode.OK, """{"status":"SUCCESS"}"""),
            };
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
