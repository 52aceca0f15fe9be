using System.Text.Json.Nodes;

namespace RevenueCycle.Faults.Tests;

public sealed class FaultSuiteTests
{
    [Fact]
    public void AFact_IsTheEventWithoutWhatEveryRunMakesNew()
    {
        var first = EventLedger.Fact(JsonNode.Parse("""{"id":"e1","occurredAt":"2026-12-07T10:00:00Z","claimId":"DEMO-1","remittanceId":"rem_01a250fcab26712e8633c0f4108ddf3c","sourceEventId":"01a250fca7d4701aa351aa30976d8b9c","paidCents":1500}""")!);
        var second = EventLedger.Fact(JsonNode.Parse("""{"id":"e2","occurredAt":"2026-12-07T11:30:00Z","claimId":"DEMO-1","remittanceId":"rem_01a2510000000000000000000000abcd","sourceEventId":"01a2510000000000000000000000ffff","paidCents":1500}""")!);

        Assert.Equal(first, second);
        Assert.Equal("""{"claimId":"DEMO-1","remittanceId":"*","sourceEventId":"*","paidCents":1500}""", first);
        Assert.NotEqual(first, EventLedger.Fact(JsonNode.Parse("""{"claimId":"DEMO-1","paidCents":1501}""")!)); // amounts are the fact
    }

    [Fact]
    public void Reconcile_CountsLostAndDuplicatedFactsPerTopic()
    {
        var quiet = Run(("claim-submitted", "A", 1), ("claim-submitted", "B", 1), ("claim-denied", "C", 1));
        var faulted = Run(("claim-submitted", "A", 2), ("claim-denied", "C", 1));

        var topics = FaultSuite.Reconcile(quiet, faulted).ToDictionary(t => t.Topic);

        Assert.Equal(new TopicReconciliation("claim-submitted", 2, 2, Lost: 1, Duplicated: 1), topics["claim-submitted"]);
        Assert.Equal(new TopicReconciliation("claim-denied", 1, 1, 0, 0), topics["claim-denied"]);
        Assert.Equal(0, topics["claim-adjudicated"].Expected);
    }

    private static RunRecord Run(params (string Topic, string Fact, int Times)[] facts) =>
        new("{}", facts.ToDictionary(f => (f.Topic, f.Fact), f => f.Times), 0, 0, [], 1);
}
