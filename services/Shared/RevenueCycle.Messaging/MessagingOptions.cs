namespace RevenueCycle.Messaging;

/// <summary>Which transport carries integration events.</summary>
public enum EventTransportKind
{
    /// <summary>Direct calls between services hosted in the same process (<c>make run</c>).</summary>
    InProcess,
    /// <summary>Dapr pub/sub through the sidecar (Kubernetes).</summary>
    Dapr,
    /// <summary>CloudEvents POSTed straight to the subscribers' Dapr endpoints, for multi-process runs without a sidecar.</summary>
    Http,
}

/// <summary>Configuration section <c>Messaging</c>.</summary>
public sealed class MessagingOptions
{
    /// <summary>
    /// Dapr by default: a lone host with no sidecar then keeps its events in the outbox (publish fails and is
    /// retried) instead of handing them to an in-process bus nobody else listens to. The single-process
    /// platform and the tests choose InProcess explicitly.
    /// </summary>
    public EventTransportKind Transport { get; set; } = EventTransportKind.Dapr;

    /// <summary>Dapr pub/sub component name.</summary>
    public string PubSubName { get; set; } = "pubsub";

    /// <summary>How long the relay sleeps when the outbox is empty and no local commit woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries an in-process subscriber gets before the event goes to the dead-letter store; for the Http transport, the quick attempts of one publish pass.</summary>
    public int MaxDeliveryAttempts { get; set; } = 3;

    /// <summary>
    /// For the Http transport: how long a subscriber may keep refusing an event (down, or its handler asking for a
    /// retry) before it goes to the subscriber's dead-letter topic. Until then the publisher's outbox keeps it and
    /// the relay retries with backoff, so a restart or a dependency's outage loses nothing. A day: longer than any
    /// outage the platform should ride out unattended, short of the payers' filing limits. (Dapr's resiliency policy
    /// plays this part in the chart.)
    /// </summary>
    public TimeSpan DeadLetterAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>For the Http transport: base URLs of the apps to deliver to (their <c>/dapr/subscribe</c> says which topics they want).</summary>
    public List<string> Subscribers { get; set; } = [];

    /// <summary>For the Http transport: the token subscribers require (their <c>APP_API_TOKEN</c>), sent as <c>dapr-api-token</c>.</summary>
    public string AppApiToken { get; set; } = "";

    /// <summary>Whether this host runs an outbox relay (turned off only by tests that drive the relay by hand).</summary>
    public bool RelayEnabled { get; set; } = true;
}
