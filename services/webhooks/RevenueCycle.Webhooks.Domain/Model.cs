namespace RevenueCycle.Webhooks.Domain;

/// <summary>An internal app's endpoint and the topics it takes; the secret signs its deliveries.</summary>
public sealed record WebhookSubscription(string Id, string Name, string Url, IReadOnlyList<string> Topics, string Secret, DateTimeOffset CreatedAt, bool Deleted = false);

public enum DeliveryState
{
    Pending,
    Delivered,
    Dead,
}

/// <summary>
/// One event for one subscription. <see cref="Body"/> is fixed when the event arrives, so every attempt and every
/// replay sends the same bytes under the same id; only the timestamp (and so the signature) is new each time.
/// </summary>
public sealed record WebhookDelivery(
    string SubscriptionId,
    string EventId,
    string Topic,
    string Body,
    DeliveryState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string LastOutcome,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt = null,
    DateTimeOffset? LeasedUntil = null)
{
    public string Key => WebhookKeys.Delivery(SubscriptionId, EventId);
}

/// <summary>An event as the bus carried it: id, topic, time and its JSON (identifiers and codes, no PHI).</summary>
public sealed record IncomingEvent(string Id, string Topic, DateTimeOffset OccurredAt, string Json);

/// <summary>What an endpoint did with one attempt.</summary>
public sealed record AttemptResult(bool Delivered, string Outcome);

/// <summary>The port to the internal apps: one signed POST.</summary>
public interface IWebhookSender
{
    Task<AttemptResult> SendAsync(string url, IReadOnlyDictionary<string, string> headers, string body, CancellationToken cancellationToken);
}

public static class WebhookKeys
{
    public const string Subscriptions = "subscriptions";
    public const string Due = "deliveries:due";

    public static string Subscription(string id) => $"subscription:{id}";

    public static string Delivery(string subscriptionId, string eventId) => $"delivery:{subscriptionId}:{eventId}";

    public static string DeliveriesOf(string subscriptionId) => $"deliveries:{subscriptionId}";

    public static string DeadOf(string subscriptionId) => $"deliveries:dead:{subscriptionId}";

    public static string DueMember(string subscriptionId, string eventId) => $"{subscriptionId}:{eventId}";
}
