using System.Text.Json.Nodes;

namespace RevenueCycle.Cluster.Tests;

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

    [Fact]
    public void AFact_MasksThePayersClaimNumber_WhichTheSandboxDrawsAnewEachRun()
    {
        var fact = EventLedger.Fact(JsonNode.Parse("""{"claimId":"DEMO-1","payerClaimControlNumber":"SBX0319EAD6CF70","paidCents":1500}""")!);
        var unsent = EventLedger.Fact(JsonNode.Parse("""{"claimId":"DEMO-1","payerClaimControlNumber":"","paidCents":1500}""")!);

        Assert.Equal("""{"claimId":"DEMO-1","payerClaimControlNumber":"*","paidCents":1500}""", fact);
        Assert.NotEqual(fact, unsent); // whether the payer gave one is still the fact
    }

    [Fact]
    public void Claims_SaysPerClaimWhatWasAcceptedLostAndDoubled()
    {
        const string V1A = """{"claimId":"A","versionNumber":1,"frequency":"1"}""";
        const string V1B = """{"claimId":"B","versionNumber":1,"frequency":"1"}""";
        const string PaidB = """{"claimId":"B","paidCents":10}""";
        var quiet = Run(("claim-submitted", V1A, 1), ("claim-submitted", V1B, 1), ("claim-adjudicated", PaidB, 1));
        var faulted = Run(("claim-submitted", V1A, 1), ("claim-submitted", V1B, 2));

        var claims = FaultSuite.Claims(quiet, faulted);

        Assert.Equal((Accepted: 2, Matching: 1, WithLoss: 1, WithDuplicate: 1), claims);
        Assert.Equal(["B claim-adjudicated: 1 quiet, 0 under faults", "B claim-submitted: 1 quiet, 2 under faults"], FaultSuite.ClaimDifferences(quiet, faulted));
    }

    [Fact]
    public void KpiDifferences_NameEachFigureThatMoved()
    {
        var differences = FaultReport.KpiDifferences("""{"figures":[{"netArCents":"100","denials":{"percent":5}}]}""", """{"figures":[{"netArCents":"90","denials":{"percent":5}}]}""");

        Assert.Equal(["KPI figures[0].netArCents: \"100\" quiet, \"90\" under faults"], differences);
    }

    [Fact]
    public void Report_FailsOnALossOrAKpiDifference_AndPassesWhenEverythingReconciles()
    {
        var quiet = Run(("claim-submitted", "A", 1));

        Assert.True(FaultReport.Write(quiet, Run(("claim-submitted", "A", 1)), TextWriter.Null));
        Assert.False(FaultReport.Write(quiet, Run(), TextWriter.Null));
        Assert.False(FaultReport.Write(quiet, Run(("claim-submitted", "A", 1)) with { Kpis = """{"netArCents":"1"}""" }, TextWriter.Null));
    }

    private static RunRecord Run(params (string Topic, string Fact, int Times)[] facts) =>
        new("{}", facts.ToDictionary(f => (f.Topic, f.Fact), f => f.Times), 0, 0, [], 1, TimeSpan.FromSeconds(1), 2, new Dictionary<string, int>());
}
