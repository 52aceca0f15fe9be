using RevenueCycle.Infrastructure.Auditing;

namespace RevenueCycle.Infrastructure.Tests.Auditing;

public sealed class AuditChainTests
{
    private static readonly AuditChain Chain = new("test-chain-key");

    internal static AuditRecord Record(int n, string patient = "pat-1", string keyId = "key-a") => new(
        new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero).AddSeconds(n), "coding", "/revenuecycle.coding.v1.CodingService/GetEncounter",
        "coder-17 via ehr", "OK", new Dictionary<string, string> { ["encounter_id"] = $"enc-{n}", ["patient_id"] = patient }, $"corr-{n}", keyId, "coding:read");

    private static List<AuditEntry> Entries(int count)
    {
        var entries = new List<AuditEntry>();
        var head = AuditHead.Empty;
        for (var n = 1; n <= count; n++)
        {
            var entry = Chain.Next(head, Record(n));
            entries.Add(entry);
            head = new AuditHead(entry.Sequence, entry.Hash);
        }

        return entries;
    }

    private static AuditHead HeadOf(List<AuditEntry> entries) => new(entries[^1].Sequence, entries[^1].Hash);

    [Fact]
    public void AnUntouchedTrail_IsIntact_UpToItsHead()
    {
        var entries = Entries(5);

        var result = Chain.Verify(entries, HeadOf(entries));

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(5, result.Records);
        Assert.Equal(0, result.FirstBadSequence);
    }

    [Fact]
    public void AnAlteredRecord_IsNamed()
    {
        var entries = Entries(5);
        var head = HeadOf(entries);
        entries[2] = entries[2] with { RecordJson = entries[2].RecordJson.Replace("coder-17", "coder-99", StringComparison.Ordinal) };

        var result = Chain.Verify(entries, head);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSequence);
        Assert.Equal("record 3 was altered: its hash does not match its contents", result.Problem);
    }

    [Fact]
    public void ARemovedRecord_IsNamed()
    {
        var entries = Entries(5);
        var head = HeadOf(entries);
        entries.RemoveAt(2);

        var result = Chain.Verify(entries, head);

        Assert.Equal(3, result.FirstBadSequence);
        Assert.Equal("record 3 is missing: the trail goes from record 2 to record 4", result.Problem);
    }

    [Fact]
    public void ReorderedRecords_BreakTheChain()
    {
        var entries = Entries(5);
        var head = HeadOf(entries);
        (entries[1], entries[2]) = (entries[2], entries[1]);

        var result = Chain.Verify(entries, head);

        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBadSequence);
    }

    [Fact]
    public void RenumberedRecords_BreakTheLink()
    {
        // Record 3 removed and the later ones renumbered to close the gap: the MAC covers the sequence and the link.
        var entries = Entries(5);
        var head = HeadOf(entries);
        entries.RemoveAt(2);
        entries[2] = entries[2] with { Sequence = 3 };

        var result = Chain.Verify(entries, head);

        Assert.Equal(3, result.FirstBadSequence);
        Assert.Equal("record 3 does not follow record 2: its link to the previous record is broken", result.Problem);
    }

    [Fact]
    public void RecordsCutOffTheEnd_AreFoundByTheHead()
    {
        var entries = Entries(5);
        var head = HeadOf(entries);
        entries.RemoveRange(3, 2);

        var result = Chain.Verify(entries, head);

        Assert.Equal(4, result.FirstBadSequence);
        Assert.Equal("the trail ends at record 3 but its head is record 5: records were removed from the end", result.Problem);
    }

    [Fact]
    public void AChainRewrittenWithoutTheKey_DoesNotVerify()
    {
        // Whoever can write Redis can rebuild a whole chain, links and all, but not with the services' key.
        var forger = new AuditChain("a guess");
        var forged = new List<AuditEntry>();
        var head = AuditHead.Empty;
        for (var n = 1; n <= 3; n++)
        {
            var entry = forger.Next(head, Record(n));
            forged.Add(entry);
            head = new AuditHead(entry.Sequence, entry.Hash);
        }

        var result = Chain.Verify(forged, head);

        Assert.Equal(1, result.FirstBadSequence);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrailWhoseHeadWasDeleted_IsNotIntact()
    {
        var result = Chain.Verify(Entries(2), AuditHead.Empty);

        Assert.Equal("the trail holds records but its head is missing", result.Problem);
    }

    [Fact]
    public void RecordsAppendedAfterTheHeadWasRead_WaitForTheNextCheck()
    {
        var entries = Entries(5);

        var result = Chain.Verify(entries, new AuditHead(entries[2].Sequence, entries[2].Hash));

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(3, result.Records);
    }

    [Fact]
    public async Task TheInMemoryTrail_KeepsTheSameChain_AndAnswersQueries()
    {
        var trail = new InMemoryAuditTrail(Chain);
        await trail.AppendAsync(Record(1, patient: "pat-1"), TestContext.Current.CancellationToken);
        await trail.AppendAsync(Record(2, patient: "pat-2", keyId: "key-b"), TestContext.Current.CancellationToken);
        await trail.AppendAsync(Record(3, patient: "pat-1"), TestContext.Current.CancellationToken);

        Assert.True((await trail.VerifyAsync(Chain, TestContext.Current.CancellationToken)).Intact);
        var (byPatient, _) = await trail.FindAsync(new AuditQuery(PatientId: "pat-1"), "", 10, TestContext.Current.CancellationToken);
        Assert.Equal([1L, 3L], byPatient.Select(e => e.Sequence));
        var (byKey, _) = await trail.FindAsync(new AuditQuery(KeyId: "key-b"), "", 10, TestContext.Current.CancellationToken);
        Assert.Equal([2L], byKey.Select(e => e.Sequence));
        var (page, continueAfter) = await trail.FindAsync(new AuditQuery(), "", 2, TestContext.Current.CancellationToken);
        Assert.Equal(2, page.Count);
        var (rest, end) = await trail.FindAsync(new AuditQuery(), continueAfter, 2, TestContext.Current.CancellationToken);
        Assert.Equal([3L], rest.Select(e => e.Sequence));
        Assert.Equal("", end);
    }

    [Fact]
    public void AQuery_MatchesAPatientNamedInAList_AndTheClientBehindAnActor()
    {
        var record = Record(1) with { Resources = new Dictionary<string, string> { ["patient_id"] = "pat-1,pat-2,pat-3" } };

        Assert.True(new AuditQuery(PatientId: "pat-2").Matches(record));
        Assert.False(new AuditQuery(PatientId: "pat-").Matches(record));
        Assert.True(new AuditQuery(Client: "ehr").Matches(record));
        Assert.False(new AuditQuery(Client: "coder-17").Matches(record));
        Assert.False(new AuditQuery(From: record.At.AddSeconds(1)).Matches(record));
        Assert.True(new AuditQuery(From: record.At, To: record.At.AddSeconds(1)).Matches(record));
    }
}
