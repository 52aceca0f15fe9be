using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.Messaging;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// The events each service publishes and handles are declared once, in the service catalog; the handlers the hosts
/// register and the events table of docs/ARCHITECTURE.md must say the same. make run-distributed (tools/RevenueCycle.Cluster)
/// takes its subscribers from the catalog (posting once never heard claim-submitted there, from a list kept by hand).
/// </summary>
public sealed partial class DeclaredEventsTests
{
    [Fact]
    public async Task HandlersInTheCode_AreTheCatalogs_AndTheEventsTable()
    {
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { GatewayGrpcPort = 0, GatewayHttpPort = 0 }, cancellationToken: TestContext.Current.CancellationToken);
        var inCode = platform.ServiceProviders
            .SelectMany(s => s.Value.GetRequiredService<EventDispatcher>().Subscriptions.Select(sub => (Topic: sub.Topic, Service: s.Key)))
            .ToHashSet();
        var inCatalog = ServiceCatalog.All.SelectMany(s => s.Subscribes.Select(topic => (Topic: topic, Service: s.Name))).ToHashSet();

        var architecture = File.ReadAllText(Path.Combine(SharedData.Repository, "docs", "ARCHITECTURE.md"));

        Assert.Contains(("claim-submitted", "posting"), inCode);
        Assert.Equal(Sorted(inCatalog), Sorted(inCode));
        Assert.Equal(Sorted(inCatalog), Sorted(EventsTable(architecture)));
        Assert.Equal(
            Sorted(ServiceCatalog.All.SelectMany(s => s.Publishes.Select(topic => (topic, s.Name)))),
            Sorted(Publishers(architecture)));
    }

    [Fact]
    public void EveryDeclaredService_HasAHostProject_AndAnImage()
    {
        var makefile = File.ReadAllText(Path.Combine(SharedData.Repository, "Makefile"));

        foreach (var service in ServiceCatalog.All)
        {
            Assert.True(Directory.Exists(Path.Combine(SharedData.Repository, "services", service.Name, service.HostProject)), service.HostProject);
            Assert.Contains($"{service.Name}/{service.HostProject}", makefile, StringComparison.Ordinal);
        }
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

    /// <summary>(topic, service) for every service the "published by" column names.</summary>
    private static HashSet<(string Topic, string Service)> Publishers(string markdown) =>
        TableRow().Matches(markdown)
            .SelectMany(row => row.Groups["publishers"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(p => (row.Groups["topic"].Value, p)))
            .ToHashSet();

    private static List<(string Topic, string Service)> Sorted(IEnumerable<(string Topic, string Service)> handlers) =>
        handlers.OrderBy(h => h.Topic, StringComparer.Ordinal).ThenBy(h => h.Service, StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"^\| `(?<topic>[a-z-]+)` \|(?<publishers>[^|]*)\|[^|]*\| (?<handlers>[^|]*) \|\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"(?:^|;\s*)([a-z-]+):")]
    private static partial Regex Handler();
}
