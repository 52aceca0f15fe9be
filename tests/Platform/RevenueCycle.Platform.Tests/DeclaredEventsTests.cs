using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.Messaging;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// The events each service handles are written in three places besides the code: the events table of
/// docs/ARCHITECTURE.md and the subscriber list of tools/run-distributed.sh. They must all say the same, or
/// make run-distributed silently drops events (posting once never heard claim-submitted there).
/// </summary>
public sealed partial class DeclaredEventsTests
{
    [Fact]
    public async Task HandlersInTheCode_AreTheEventsTable_AndTheDistributedSubscribers()
    {
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { GatewayGrpcPort = 0, GatewayHttpPort = 0 }, cancellationToken: TestContext.Current.CancellationToken);
        var inCode = platform.ServiceProviders
            .SelectMany(s => s.Value.GetRequiredService<EventDispatcher>().Subscriptions.Select(sub => (Topic: sub.Topic, Service: s.Key)))
            .ToHashSet();

        var inDocs = EventsTable(File.ReadAllText(Path.Combine(SharedData.Repository, "docs", "ARCHITECTURE.md")));
        var inScript = SubscriberNames(File.ReadAllText(Path.Combine(SharedData.Repository, "tools", "run-distributed.sh")));

        Assert.Contains(("claim-submitted", "posting"), inCode);
        Assert.Equal(Sorted(inCode), Sorted(inDocs));
        Assert.Equal(inCode.Select(h => h.Service).Distinct().Order(StringComparer.Ordinal), inScript.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EventsTable_ReadsEveryHandlerOfARow()
    {
        const string Table = """
            | topic | published by | when | handled by |
            | --- | --- | --- | --- |
            | `claim-submitted` | submission | a claim is queued | collections: the charge; coding: line diagnoses; posting: the claim to match |
            """;

        Assert.Equal([("claim-submitted", "coding"), ("claim-submitted", "collections"), ("claim-submitted", "posting")], Sorted(EventsTable(Table)));
    }

    /// <summary>(topic, service) for every service the "handled by" column names before a colon.</summary>
    private static HashSet<(string Topic, string Service)> EventsTable(string markdown) =>
        TableRow().Matches(markdown)
            .SelectMany(row => Handler().Matches(row.Groups["handlers"].Value).Select(h => (row.Groups["topic"].Value, h.Groups[1].Value)))
            .ToHashSet();

    private static string[] SubscriberNames(string script) =>
        SubscriberList().Match(script) is { Success: true } match
            ? match.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : throw new InvalidOperationException("tools/run-distributed.sh declares no subscriber_names");

    private static List<(string Topic, string Service)> Sorted(IEnumerable<(string Topic, string Service)> handlers) =>
        handlers.OrderBy(h => h.Topic, StringComparer.Ordinal).ThenBy(h => h.Service, StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"^\| `(?<topic>[a-z-]+)` \|[^|]*\|[^|]*\| (?<handlers>[^|]*) \|\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"(?:^|;\s*)([a-z-]+):")]
    private static partial Regex Handler();

    [GeneratedRegex("""^subscriber_names="([^"]*)"$""", RegexOptions.Multiline)]
    private static partial Regex SubscriberList();
}
