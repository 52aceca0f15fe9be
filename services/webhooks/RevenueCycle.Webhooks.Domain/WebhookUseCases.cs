using System.Globalization;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;

namespace RevenueCycle.Webhooks.Domain;

/// <summary>How deliveries are retried.</summary>
/// <param name="RetrySchedule">The wait before each retry after the first attempt; when it runs out the delivery is dead.</param>
/// <param name="AllowHttp">Plain-http endpoints (inside a cluster, or a local run); otherwise https only.</param>
/// <param name="AttemptTimeout">How long an endpoint may take to answer one attempt.</param>
public sealed record WebhookSettings(IReadOnlyList<TimeSpan> RetrySchedule, bool AllowHttp, TimeSpan AttemptTimeout)
{
    /// <summary>Standard Webhooks' suggested schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (eight attempts over a day and a half).</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultSchedule =
        [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)];
}

/// <summary>
/// Subscriptions, the deliveries every event makes, their attempts, dead letters and replay. Each event is taken
/// once (its id is the handled marker); each delivery is sent by one worker at a time (a lease on the document),
/// and sent again after a crash once the lease runs out: at least once, with the event id for de-duplication.
/// </summary>
public sealed class WebhookUseCases(IDocumentStore store, WebhookSettings settings, TimeProvider clock)
{
    public const int MaxSubscriptions = 100;

    public async Task<WebhookSubscription> CreateSubscriptionAsync(string idempotencyKey, string name, string url, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .RequireText(name, "name", 100);
        var uri = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed : null;
        validator.Require(uri is not null && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && settings.AllowHttp)),
            "url", settings.AllowHttp ? "must be an absolute http or https URL" : "must be an absolute https URL");
        validator.Require(topics.Count > 0, "topics", "name at least one topic");
        foreach (var (topic, i) in topics.Select((t, i) => (t, i)))
        {
            validator.Require(ServiceCatalog.AllTopics.Contains(topic), $"topics[{i}]", $"is not a topic ({string.Join(", ", ServiceCatalog.AllTopics)})");
        }

        validator.ThrowIfInvalid();
        var request = new { name, url, topics = topics.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray() };
        return await store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(request), async changes =>
        {
            var existing = await store.RangeAsync(WebhookKeys.Subscriptions, null, MaxSubscriptions + 1, cancellationToken: cancellationToken);
            if (existing.Count >= MaxSubscriptions)
            {
                throw new PreconditionFailedException($"There are {MaxSubscriptions} subscriptions already; delete one first.");
            }

            var now = clock.GetUtcNow();
            var subscription = new WebhookSubscription("whs_" + Guid.CreateVersion7().ToString("N"), name, url, request.topics, WebhookSignature.NewSecret(), now);
            changes.Put(WebhookKeys.Subscription(subscription.Id), subscription, ChangeSet.New)
                .Index(WebhookKeys.Subscriptions, subscription.Id, now.ToUnixTimeMilliseconds());
            return subscription;
        }, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var ids = await store.RangeAsync(WebhookKeys.Subscriptions, null, MaxSubscriptions, cancellationToken: cancellationToken);
        var documents = await store.GetManyAsync<WebhookSubscription>(ids.Select(i => WebhookKeys.Subscription(i.Member)).ToArray(), cancellationToken);
        return documents.Select(d => d.Value).ToArray();
    }

    public async Task<WebhookSubscription> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        await store.ExecuteAsync(null, "", async changes =>
        {
            var current = await store.GetAsync<WebhookSubscription>(WebhookKeys.Subscription(id), cancellationToken) ?? throw new NotFoundException("subscription", id);
            var deleted = current.Value with { Deleted = true };
            changes.Put(WebhookKeys.Subscription(id), deleted, current.Version).Unindex(WebhookKeys.Subscriptions, id);
            return deleted;
        }, retryOnConflict: true, cancellationToken);

    /// <summary>An event from the bus: one pending delivery for every live subscription to its topic, once.</summary>
    public async Task<int> AcceptAsync(IncomingEvent incoming, CancellationToken cancellationToken)
    {
        var made = 0;
        var taken = await store.HandleOnceAsync(incoming.Id, async changes =>
        {
            made = 0;
            var now = clock.GetUtcNow();
            var body = $$"""{"type":"{{incoming.Topic}}","timestamp":"{{incoming.OccurredAt.ToString("O", CultureInfo.InvariantCulture)}}","data":{{incoming.Json}}}""";
            foreach (var subscription in (await ListSubscriptionsAsync(cancellationToken)).Where(s => !s.Deleted && s.Topics.Contains(incoming.Topic)))
            {
                var delivery = new WebhookDelivery(subscription.Id, incoming.Id, incoming.Topic, body, DeliveryState.Pending, 0, now, "", now);
                changes.Put(delivery.Key, delivery, ChangeSet.New)
                    .Index(WebhookKeys.Due, WebhookKeys.DueMember(subscription.Id, incoming.Id), now.ToUnixTimeMilliseconds())
                    .Index(WebhookKeys.DeliveriesOf(subscription.Id), incoming.Id, now.ToUnixTimeMilliseconds());
                made++;
            }
        }, cancellationToken);
        return taken ? made : 0;
    }

    /// <summary>Sends the deliveries that are due; returns how many attempts were made.</summary>
    public async Task<int> SendDueAsync(IWebhookSender sender, int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = (await store.RangeAsync(WebhookKeys.Due, null, max, cancellationToken: cancellationToken)).Where(e => e.Score <= now.ToUnixTimeMilliseconds()).ToArray();
        var attempts = 0;
        var subscriptions = new Dictionary<string, WebhookSubscription?>(StringComparer.Ordinal); // read once a pass, not once a delivery
        foreach (var entry in due)
        {
            var separator = entry.Member.IndexOf(':', StringComparison.Ordinal);
            if (await LeaseAsync(entry.Member[..separator], entry.Member[(separator + 1)..], cancellationToken) is not { } leased)
            {
                continue; // another worker has it, or it is no longer pending
            }

            var id = leased.Value.SubscriptionId;
            if (!subscriptions.TryGetValue(id, out var subscription))
            {
                subscriptions[id] = subscription = (await store.GetAsync<WebhookSubscription>(WebhookKeys.Subscription(id), cancellationToken))?.Value;
            }

            var result = subscription is null or { Deleted: true }
                ? null
                : await SendAsync(sender, subscription, leased.Value, cancellationToken);
            await RecordAsync(leased, result, cancellationToken);
            attempts++;
        }

        return attempts;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string subscriptionId, DeliveryState? state, int pageSize, CancellationToken cancellationToken)
    {
        _ = await store.GetAsync<WebhookSubscription>(WebhookKeys.Subscription(subscriptionId), cancellationToken) ?? throw new NotFoundException("subscription", subscriptionId);
        var take = Math.Clamp(pageSize <= 0 ? 50 : pageSize, 1, 500);
        var found = new List<WebhookDelivery>();
        IndexEntry? after = null;
        while (found.Count < take)
        {
            var page = await store.RangeAsync(WebhookKeys.DeliveriesOf(subscriptionId), after, 200, descending: true, cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            var documents = await store.GetManyAsync<WebhookDelivery>(page.Select(e => WebhookKeys.Delivery(subscriptionId, e.Member)).ToArray(), cancellationToken);
            found.AddRange(documents.Select(d => d.Value).Where(d => state is null || d.State == state));
            after = page[^1];
        }

        return found.Take(take).ToArray();
    }

    /// <summary>Dead deliveries back to pending, due now, with a fresh schedule; the same event id and body.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> ReplayAsync(string subscriptionId, IReadOnlyList<string> eventIds, CancellationToken cancellationToken)
    {
        _ = await store.GetAsync<WebhookSubscription>(WebhookKeys.Subscription(subscriptionId), cancellationToken) ?? throw new NotFoundException("subscription", subscriptionId);
        var ids = eventIds.Count > 0
            ? eventIds
            : (await store.RangeAsync(WebhookKeys.DeadOf(subscriptionId), null, 1000, cancellationToken: cancellationToken)).Select(e => e.Member).ToArray();
        var replayed = new List<WebhookDelivery>();
        foreach (var (eventId, i) in ids.Select((id, i) => (id, i)))
        {
            replayed.Add(await store.ExecuteAsync(null, "", async changes =>
            {
                var current = await store.GetAsync<WebhookDelivery>(WebhookKeys.Delivery(subscriptionId, eventId), cancellationToken)
                    ?? throw new ValidationException($"event_ids[{i}]", $"'{eventId}' was never delivered to this subscription");
                if (current.Value.State != DeliveryState.Dead)
                {
                    throw new ValidationException($"event_ids[{i}]", $"'{eventId}' is {current.Value.State.ToString().ToLowerInvariant()}, not dead; only dead deliveries are replayed");
                }

                var now = clock.GetUtcNow();
                var again = current.Value with { State = DeliveryState.Pending, Attempts = 0, NextAttemptAt = now, LastOutcome = "replayed: " + current.Value.LastOutcome, LeasedUntil = null };
                changes.Put(again.Key, again, current.Version)
                    .Unindex(WebhookKeys.DeadOf(subscriptionId), eventId)
                    .Index(WebhookKeys.Due, WebhookKeys.DueMember(subscriptionId, eventId), now.ToUnixTimeMilliseconds());
                return again;
            }, retryOnConflict: true, cancellationToken));
        }

        return replayed;
    }

    private async Task<Versioned<WebhookDelivery>?> LeaseAsync(string subscriptionId, string eventId, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync<WebhookDelivery>(WebhookKeys.Delivery(subscriptionId, eventId), cancellationToken);
        var now = clock.GetUtcNow();
        if (current is null || current.Value.State != DeliveryState.Pending)
        {
            var stale = new ChangeSet().Unindex(WebhookKeys.Due, WebhookKeys.DueMember(subscriptionId, eventId));
            await store.CommitAsync(stale, cancellationToken);
            return null;
        }

        if (current.Value.LeasedUntil > now)
        {
            return null;
        }

        // The lease moves the due time past the attempt too: if this process dies mid-send, the delivery comes due again.
        var until = now + settings.AttemptTimeout + TimeSpan.FromSeconds(5);
        var leased = current.Value with { LeasedUntil = until };
        var changes = new ChangeSet().Put(leased.Key, leased, current.Version)
            .Index(WebhookKeys.Due, WebhookKeys.DueMember(subscriptionId, eventId), until.ToUnixTimeMilliseconds());
        return (await store.CommitAsync(changes, cancellationToken)).IsCommitted ? new Versioned<WebhookDelivery>(leased, current.Version + 1) : null;
    }

    private async Task<AttemptResult> SendAsync(IWebhookSender sender, WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var headers = WebhookSignature.Headers(subscription.Secret, delivery.EventId, clock.GetUtcNow(), delivery.Body);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.AttemptTimeout);
        try
        {
            return await sender.SendAsync(subscription.Url, headers, delivery.Body, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(false, $"no answer within {settings.AttemptTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Records an attempt: delivered, due again after the schedule's next wait (with jitter), or dead.</summary>
    private async Task RecordAsync(Versioned<WebhookDelivery> leased, AttemptResult? result, CancellationToken cancellationToken)
    {
        var delivery = leased.Value;
        var now = clock.GetUtcNow();
        var member = WebhookKeys.DueMember(delivery.SubscriptionId, delivery.EventId);
        var changes = new ChangeSet();
        WebhookDelivery next;
        if (result is null)
        {
            next = delivery with { State = DeliveryState.Dead, LastOutcome = "the subscription was deleted", LeasedUntil = null };
            changes.Unindex(WebhookKeys.Due, member);
        }
        else if (result.Delivered)
        {
            next = delivery with { State = DeliveryState.Delivered, Attempts = delivery.Attempts + 1, LastOutcome = result.Outcome, DeliveredAt = now, LeasedUntil = null };
            changes.Unindex(WebhookKeys.Due, member);
        }
        else if (delivery.Attempts >= settings.RetrySchedule.Count)
        {
            next = delivery with { State = DeliveryState.Dead, Attempts = delivery.Attempts + 1, LastOutcome = result.Outcome, LeasedUntil = null };
            changes.Unindex(WebhookKeys.Due, member).Index(WebhookKeys.DeadOf(delivery.SubscriptionId), delivery.EventId, now.ToUnixTimeMilliseconds());
        }
        else
        {
            // +-10% so the endpoints of many subscriptions coming back are not hit in step.
            var wait = settings.RetrySchedule[delivery.Attempts] * (0.9 + (0.2 * Random.Shared.NextDouble()));
            next = delivery with { Attempts = delivery.Attempts + 1, NextAttemptAt = now + wait, LastOutcome = result.Outcome, LeasedUntil = null };
            changes.Index(WebhookKeys.Due, member, (now + wait).ToUnixTimeMilliseconds());
        }

        changes.Put(next.Key, next, leased.Version);
        await store.CommitAsync(changes, cancellationToken); // a conflict means a replay or another worker moved it on: theirs stands
    }
}
