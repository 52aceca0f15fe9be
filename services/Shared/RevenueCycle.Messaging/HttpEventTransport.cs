using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using RevenueCycle.BuildingBlocks.Messaging;

namespace RevenueCycle.Messaging;

/// <summary>
/// Delivers events the way daprd does, without a sidecar: asks each configured app for its subscriptions
/// (GET /dapr/subscribe) and POSTs a structured CloudEvent to the route of every subscription to the topic.
/// A delivery the app does not take (down, restarting, or its handler asks for a retry because what it needs is
/// down) fails the publish, so the outbox keeps the message and the relay tries again with backoff: it reaches the
/// app when the app is back, however long that takes. Only a message refused for longer than
/// <see cref="MessagingOptions.DeadLetterAfter"/> goes to the app's dead-letter topic. Used by <c>make run-distributed</c>.
/// </summary>
public sealed partial class HttpEventTransport(HttpClient http, MessagingOptions options, string source, ILogger<HttpEventTransport> logger, TimeProvider? clock = null)
    : IEventTransport
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<DaprSubscription>> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResiliencePipeline<bool>> _delivery = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ResiliencePipeline<bool> _deadLetterDelivery = DeliveryPipeline(options, clock ?? TimeProvider.System, perAppBreaker: false);

    /// <summary>One entry of an app's <c>/dapr/subscribe</c> answer.</summary>
    public sealed record DaprSubscription(string PubsubName, string Topic, string Route, string? DeadLetterTopic);

    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // Every app gets its chance on every pass: one that refuses does not hold the others back (an app that took
        // the event on an earlier pass gets it again and de-duplicates on its id).
        var refusedBy = new List<string>();
        foreach (var app in options.Subscribers)
        {
            if (!await DeliverToAppAsync(app, message, cancellationToken))
            {
                refusedBy.Add(app);
            }
        }

        if (refusedBy.Count > 0)
        {
            throw new HttpRequestException($"{string.Join(", ", refusedBy)} did not take {message.Topic} event {message.Id}");
        }
    }

    private async Task<bool> DeliverToAppAsync(string app, OutboxMessage message, CancellationToken cancellationToken)
    {
        IReadOnlyList<DaprSubscription> subscriptions;
        try
        {
            subscriptions = await SubscriptionsOfAsync(app, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false; // down: it is asked again on the next pass
        }

        var taken = true;
        foreach (var subscription in subscriptions.Where(s => s.Topic == message.Topic && s.PubsubName == options.PubSubName))
        {
            if (await TryDeliverAsync(_delivery.GetOrAdd(app, _ => DeliveryPipeline(options, _clock, perAppBreaker: true)), app, subscription.Route, message.Topic, message, cancellationToken))
            {
                continue;
            }

            // Refused for a while yet: the outbox keeps it (a restart or a dependency's outage is waited out). Past
            // DeadLetterAfter, its dead-letter route, outside the app's circuit (which the refusals may hold open).
            var deadLetter = subscriptions.FirstOrDefault(s => s.Topic == subscription.DeadLetterTopic);
            if (_clock.GetUtcNow() - message.OccurredAt >= options.DeadLetterAfter && deadLetter is not null
                && await TryDeliverAsync(_deadLetterDelivery, app, deadLetter.Route, deadLetter.Topic, message, cancellationToken))
            {
                LogDeadLettered(logger, message.Topic, message.Id, app);
                continue;
            }

            taken = false;
        }

        return taken;
    }

    private async Task<bool> TryDeliverAsync(ResiliencePipeline<bool> pipeline, string app, string route, string topic, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(app), route))
                {
                    Content = new StringContent(CloudEvent(topic, message), Encoding.UTF8, "application/cloudevents+json"),
                };
                if (!string.IsNullOrEmpty(options.AppApiToken))
                {
                    request.Headers.Add("dapr-api-token", options.AppApiToken); // as daprd does when the apps share a token
                }

                using var response = await http.SendAsync(request, token);
                return response.IsSuccessStatusCode && await StatusOf(response, token) is "SUCCESS" or "DROP" or "";
            }, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
        {
            return false; // the app is down or restarting (or was, a moment ago): the outbox keeps the message
        }
    }

    /// <summary>
    /// Delivery attempts to one app as daprd makes them: a timeout each, then retries with exponential backoff and
    /// jitter (Polly), so subscribers coming back from a restart are not hit in step; and, per app, a circuit breaker
    /// on the app being unreachable (not on its handler asking for a retry: the app is up, and the next event may be
    /// one it can handle), so while it is down the relay's pass over a backlog does not wait out every message's
    /// retries. A retry is safe: handlers de-duplicate on the event id.
    /// </summary>
    private static ResiliencePipeline<bool> DeliveryPipeline(MessagingOptions options, TimeProvider clock, bool perAppBreaker)
    {
        var builder = new ResiliencePipelineBuilder<bool> { TimeProvider = clock };
        if (perAppBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<bool>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(2),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or TimeoutRejectedException),
            });
        }

        return builder
            .AddRetry(new RetryStrategyOptions<bool>
            {
                MaxRetryAttempts = Math.Max(options.MaxDeliveryAttempts - 1, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                ShouldHandle = args => ValueTask.FromResult(options.MaxDeliveryAttempts > 1 && args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException } => true,
                    { Exception: null, Result: false } => true,
                    _ => false,
                }),
            })
            .AddTimeout(TimeSpan.FromSeconds(5)) // under the HttpClient's own 10 s, so a silent app is retried, not a failed publish
            .Build();
    }

    private async Task<IReadOnlyList<DaprSubscription>> SubscriptionsOfAsync(string app, CancellationToken cancellationToken)
    {
        if (_subscriptions.TryGetValue(app, out var cached))
        {
            return cached;
        }

        var entries = await http.GetFromJsonAsync<JsonArray>(new Uri(new Uri(app), "/dapr/subscribe"), cancellationToken) ?? [];
        var subscriptions = entries.OfType<JsonObject>().Select(e => new DaprSubscription(
            (string?)e["pubsubname"] ?? "",
            (string?)e["topic"] ?? "",
            (string?)e["route"] ?? (string?)e["routes"]?["default"] ?? "",
            (string?)e["deadLetterTopic"])).ToArray();
        _subscriptions[app] = subscriptions;
        return subscriptions;
    }

    private string CloudEvent(string topic, OutboxMessage message) => new JsonObject
    {
        ["specversion"] = "1.0",
        ["id"] = message.Id,
        ["source"] = source,
        ["type"] = "com.dapr.event.sent",
        ["topic"] = topic,
        ["pubsubname"] = options.PubSubName,
        ["time"] = message.OccurredAt.ToString("O"),
        ["datacontenttype"] = "application/json",
        ["data"] = JsonNode.Parse(message.Json),
    }.ToJsonString();

    private static async Task<string> StatusOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("status", out var status) ? status.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Topic} event {EventId} went to the dead-letter topic of {App}")]
    private static partial void LogDeadLettered(ILogger logger, string topic, string eventId, string app);
}
