using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RevenueCycle.Webhooks.Domain;

namespace RevenueCycle.Cluster;

/// <summary>
/// Every event the platform publishes, as an internal app sees it: a webhook endpoint subscribed to every topic,
/// checking each signature. Deliveries are at least once, so a repeated event id is a redelivery, counted apart; the
/// effects are the distinct events, compared between runs by their content with generated ids and times masked.
/// </summary>
public sealed partial class EventLedger : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Topic, string Fact)> _events = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _redeliveries = new(StringComparer.Ordinal);
    private int _refused;

    private EventLedger(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public string Secret { get; set; } = "";

    public int Redeliveries => _redeliveries.Values.Sum();

    /// <summary>Deliveries of an event id the app had already taken, per topic (at least once: harmless).</summary>
    public IReadOnlyDictionary<string, int> RedeliveriesByTopic() => new Dictionary<string, int>(_redeliveries, StringComparer.Ordinal);

    public int Refused => _refused;

    public int Count => _events.Count;

    public static async Task<EventLedger> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var ledger = new EventLedger(app);
        app.MapPost("/events", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            if (WebhookSignature.Verify(ledger.Secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], body, DateTimeOffset.UtcNow) is not null)
            {
                Interlocked.Increment(ref ledger._refused);
                return Results.BadRequest();
            }

            var envelope = JsonNode.Parse(body)!;
            var topic = (string)envelope["type"]!;
            if (!ledger._events.TryAdd(request.Headers["webhook-id"]!, (topic, Fact(envelope["data"]!))))
            {
                ledger._redeliveries.AddOrUpdate(topic, 1, (_, n) => n + 1);
            }

            return Results.NoContent();
        });
        await app.StartAsync(cancellationToken);
        ledger.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/events";
        return ledger;
    }

    /// <summary>Distinct events by (topic, fact): how many times each fact was published.</summary>
    public Dictionary<(string Topic, string Fact), int> Facts() =>
        _events.Values.GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Waits until no new event arrived for <paramref name="quiet"/>.</summary>
    public async Task SettleAsync(TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        var (last, since) = (-1, DateTime.UtcNow);
        while (DateTime.UtcNow < deadline)
        {
            if (Count != last)
            {
                (last, since) = (Count, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - since >= quiet)
            {
                return;
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>The event without what differs between two runs of the same batch: its id, times, generated ids and the payer's claim numbers.</summary>
    public static string Fact(JsonNode data)
    {
        static JsonNode? Mask(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.Where(p => p.Key is not ("id" or "occurredAt"))
                .Select(p => KeyValuePair.Create(p.Key, p.Key == "payerClaimControlNumber" && (string?)p.Value is { Length: > 0 } ? JsonValue.Create("*") : Mask(p.Value)))),
            JsonArray a => new JsonArray(a.Select(Mask).ToArray()),
            JsonValue v when v.TryGetValue<string>(out var s) && (GeneratedId().IsMatch(s) || Timestamp().IsMatch(s)) => JsonValue.Create("*"),
            _ => node?.DeepClone(),
        };
        return Mask(data)!.ToJsonString();
    }

    // Prefixed ids (cov_..., rem_...) and bare event ids (32 hex digits) are new in every run.
    [GeneratedRegex("^([a-z]+_)?[0-9a-f]{32}$")]
    private static partial Regex GeneratedId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex Timestamp();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
