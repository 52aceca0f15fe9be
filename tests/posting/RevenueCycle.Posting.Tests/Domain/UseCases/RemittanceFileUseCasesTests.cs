using System.Text;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.Testing;
using RevenueCycle.X12.Remittances;
using RevenueCycle.X12.Syntax;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.Posting.Tests.Domain.UseCases;

/// <summary>835 files imported whole: the shared samples with their amounts, refusals that post nothing, duplicates, chunked resumption.</summary>
public sealed class RemittanceFileUseCasesTests
{
    private static readonly DateTimeOffset At = new(2026, 4, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly InMemoryDocumentStore _store = new();
    private readonly RemittanceQueries _queries;
    private readonly RemittanceUseCases _remittances;
    private readonly RemittanceFileUseCases _files;

    public RemittanceFileUseCasesTests()
    {
        _queries = new RemittanceQueries(_store);
        _remittances = new RemittanceUseCases(_store, new FakeTimeProvider(At));
        _files = new RemittanceFileUseCases(_remittances);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Func<Stream> Sample(string folder, string file) => () => File.OpenRead(SharedData.File("x12-samples", folder, file));

    private static Func<Stream> Text(string text) => () => new MemoryStream(Encoding.UTF8.GetBytes(text));

    private async Task<int> PendingEvents(string topic) => (await _store.ReadPendingAsync(100_000, Ct)).Count(m => m.Topic == topic);

    [RequiresSharedData]
    [Fact]
    public async Task Import_SharedMultipleClaimsSingleCheck_PostsEveryClaimWithItsAmounts()
    {
        var result = await _files.ImportAsync(Sample("835", "x221-multiple-claims-single-check.edi"), Ct);

        var imported = Assert.Single(result.Remittances);
        Assert.Equal((9, "35681"), (result.ClaimPayments, imported.ControlNumber));
        Assert.Equal((false, 9, 0, 81_080L), (imported.Result.Duplicate, imported.Result.ClaimsPosted, imported.Result.DenialsDetected, imported.Result.TotalPaidCents));
        var remittance = await _queries.GetAsync(imported.Result.RemittanceId, Ct);
        Assert.Equal(("512345678", "12345", new DateOnly(2014, 3, 31)), (remittance.PayerId, remittance.TraceNumber, remittance.PaymentDate));
        Assert.Equal([13_200L, 7_400, 10_800, 1_400, 1_680, 13_200, 10_800, 8_200, 14_400], remittance.Claims.Select(c => c.PaidCents));
        // LX 3: two lines the patient's copay (PR-3) and a negotiated discount (CO-131) cover; no denial.
        var third = remittance.Claims[2];
        Assert.Equal((22_600L, 2_400L, "119932404007801"), (third.ChargeCents, third.PatientResponsibilityCents, third.PayerClaimControlNumber));
        Assert.Equal([new Adjustment("PR", "3", 1_400, 0), new Adjustment("CO", "131", 1_100, 0)], third.Lines[1].Adjustments);
        Assert.Equal(9, await PendingEvents(Topics.ClaimAdjudicated));
    }

    [RequiresSharedData]
    [Fact]
    public async Task Import_DeniedClaimWithLineDenials_DetectsEachLine()
    {
        var result = await _files.ImportAsync(Sample("835", "835-mult-loops.txt"), Ct);

        var imported = Assert.Single(result.Remittances);
        Assert.Equal((1, 3, 0L), (imported.Result.ClaimsPosted, imported.Result.DenialsDetected, imported.Result.TotalPaidCents));
        var denials = (await _queries.ListDenialsAsync(DenialCategory.Unspecified, 10, "", Ct)).Items;
        Assert.Equal([("OA", "A7", 12_780L), ("OA", "A7", 28_755L), ("CO", "16", 50_004L)],
            denials.Select(d => (d.GroupCode, d.ReasonCode, d.DeniedCents)).OrderBy(d => d.DeniedCents));
        Assert.All(denials, d => Assert.Contains("N14", d.RemarkCodes));
    }

    [RequiresSharedData]
    [Fact]
    public async Task Import_SameFileTwice_TheSecondIsADuplicateAndPostsNothing()
    {
        var first = await _files.ImportAsync(Sample("835", "x221-multiple-claims-single-check.edi"), Ct);
        var second = await _files.ImportAsync(Sample("835", "x221-multiple-claims-single-check.edi"), Ct);

        Assert.True(second.Remittances.Single().Result.Duplicate);
        Assert.Equal(first.Remittances.Single().Result.RemittanceId, second.Remittances.Single().Result.RemittanceId);
        Assert.Equal(9, await PendingEvents(Topics.ClaimAdjudicated));
    }

    [Fact]
    public async Task Import_CasQuantityPastWhatPostingKeeps_IsRefusedLocated_NotAnOverflow()
    {
        // make fuzz 835: CAS04 of 99999999999 (a valid R15) threw OverflowException in the mapping to posting's model.
        const string text = "ISA*00*          *00*          *ZZ*PAYER01        *ZZ*CLINIC01       *261201*0930*^*00501*000000001*0*T*:~" +
            "GS*HP*PAYER01*CLINIC01*20261201*0930*1*X*005010X221A1~ST*835*0001~BPR*I*100*C*ACH*CCP*01*011000015*DA*123456*1234567890**01*011000015*DA*654321*20261201~" +
            "TRN*1*EFT0001*1234567890~N1*PR*SAMPLE PAYER~N3*1 PAYER WAY~N4*COLUMBUS*OH*43215~REF*2U*PAYER01~N1*PE*SAMPLE CLINIC*XX*1234567893~LX*1~" +
            "CLP*C1*1*100*100**12*ICN0001~CAS*CO*45*0*99999999999~NM1*QC*1*DOE*JANE****MI*MEMBER001~SVC*HC:99213*100*100~DTP*472*D8*20261201~SE*17*0001~GE*1*1~IEA*1*000000001~";

        var check = Assert.Throws<ValidationException>(() => RemittanceFileUseCases.CheckFile(Text(text)));
        var import = await Assert.ThrowsAsync<ValidationException>(() => _files.ImportAsync(Text(text), Ct));

        var finding = Assert.Single(check.Violations, v => v.Description.Contains("quantity", StringComparison.Ordinal));
        Assert.StartsWith("transaction 1, segment 10 (CLP, loop 2100)", finding.Field);
        Assert.Contains("CAS CO 45: quantity 99999999999", finding.Description);
        Assert.Equal(check.Violations, import.Violations);
        Assert.Empty(await _store.ReadPendingAsync(10, Ct));
    }

    [RequiresSharedData]
    [Fact]
    public async Task Import_TotalThatDoesNotBalance_IsRefusedWithTheTransactionNamed_AndPostsNothing()
    {
        var text = File.ReadAllText(SharedData.File("x12-samples", "835", "x221-multiple-claims-single-check.edi")).Replace("BPR*I*810.8*", "BPR*I*810.9*", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _files.ImportAsync(Text(text), Ct));

        var finding = Assert.Single(error.Violations);
        Assert.Equal("transaction 1 (ST 35681).total_paid_cents", finding.Field);
        Assert.Contains("81090", finding.Description);
        Assert.Empty(await _store.ReadPendingAsync(10, Ct));
    }

    [RequiresSharedData]
    [Fact]
    public async Task Import_ClaimThatDoesNotBalance_IsLocatedBySegment_AndPostsNothing()
    {
        // LX 2's claim says 75.00 paid, its adjustments say 74.00: the claim and the total no longer balance.
        var text = File.ReadAllText(SharedData.File("x12-samples", "835", "x221-multiple-claims-single-check.edi")).Replace("CLP*7722337*1*119*74*", "CLP*7722337*1*119*75*", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<ValidationException>(() => _files.ImportAsync(Text(text), Ct));

        Assert.Equal(
            [
                new FieldViolation("transaction 1, segment 36 (CLP, loop 2100)", "does not balance: charge 11900 - paid 7500 = 4400, adjustments total 4500 (cents)"),
                new FieldViolation("transaction 1 (ST 35681).total_paid_cents", "is 81080 but the claim payments add up to 81180 (cents)"),
            ],
            error.Violations);
        Assert.Empty(await _store.ReadPendingAsync(10, Ct));
    }

    [RequiresSharedData]
    [Fact]
    public async Task Import_SharedInvalidFile_GetsLocatedX12Errors_AndPostsNothing()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _files.ImportAsync(Sample("invalid", "835-validation-issues.edi"), Ct));

        Assert.Contains(error.Violations, v => v.Field == "file" && v.Description.Contains("ST 0002", StringComparison.Ordinal));
        Assert.Empty(await _store.ReadPendingAsync(10, Ct));
    }

    [Fact]
    public async Task Import_NotAnX12File_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _files.ImportAsync(Text("PATIENT,AMOUNT\nDOE,12.00\n"), Ct));

        Assert.All(error.Violations, v => Assert.Equal("file", v.Field));
    }

    [Fact]
    public async Task Import_ManyClaimsAndPayersWithARecoupment_PostsInChunks()
    {
        var text = Generated([("11111", "EFT-1", 600, 900), ("22222", "EFT-2", 5, 0)]);

        var result = await _files.ImportAsync(Text(text), Ct);

        Assert.Equal(605, result.ClaimPayments);
        Assert.Equal([("11111", 600), ("22222", 5)], await Task.WhenAll(result.Remittances.Select(async r =>
        {
            var remittance = await _queries.GetAsync(r.Result.RemittanceId, Ct);
            return (remittance.PayerId, remittance.Claims.Count);
        })));
        var first = await _queries.GetAsync(result.Remittances[0].Result.RemittanceId, Ct);
        Assert.Equal(new ProviderAdjustment("WO", "ICN-OLD", 900, "1234567893", new DateOnly(2026, 12, 31)), first.Plb.Single());
        var entry = (await _queries.ProviderAdjustmentsAsync("wo", 10, "", Ct)).Items.Single();
        Assert.Equal(($"{first.RemittanceId}-1", "11111", "EFT-1", 900L), (entry.EntryId, entry.PayerId, entry.TraceNumber, entry.Adjustment.AmountCents));
        Assert.Empty((await _queries.ProviderAdjustmentsAsync("L6", 10, "", Ct)).Items);
        Assert.Equal(600 * 8_000L - 900, first.TotalPaidCents);
        Assert.Equal(605, await PendingEvents(Topics.ClaimAdjudicated));
    }

    [Fact]
    public async Task Import_InterruptedMidFile_ResumesWithoutPostingAnyClaimTwice()
    {
        var text = Generated([("11111", "EFT-1", 700, 0)]);
        var failing = new FailingStore(_store, failOnCommit: 3); // the header, one chunk, then the crash
        var interrupted = new RemittanceFileUseCases(new RemittanceUseCases(failing, new FakeTimeProvider(At)));

        await Assert.ThrowsAsync<IOException>(() => interrupted.ImportAsync(Text(text), Ct));
        Assert.Equal(RemittanceUseCases.ChunkSize, await PendingEvents(Topics.ClaimAdjudicated));
        var resumed = await _files.ImportAsync(Text(text), Ct);

        Assert.Equal((false, 700), (resumed.Remittances.Single().Result.Duplicate, resumed.Remittances.Single().Result.ClaimsPosted));
        Assert.Equal(700, await PendingEvents(Topics.ClaimAdjudicated));
        Assert.Equal(700, (await _queries.GetAsync(resumed.Remittances.Single().Result.RemittanceId, Ct)).Claims.Select(c => c.PatientControlNumber).Distinct().Count());
        Assert.True((await _files.ImportAsync(Text(text), Ct)).Remittances.Single().Result.Duplicate);
    }

    [Fact]
    public async Task Import_PayerDroppedTheModifierAndTheControlNumber_TheLineIsStillMatched()
    {
        await new SubmittedClaimUseCases(_store, new FakeTimeProvider(At)).HandleAsync(new ClaimSubmittedIntegrationEvent("EFT-9-C1", 1, "1", "11111", "", 10_000,
            [new SubmittedLineCodes("EFT-9-C1-LINE", "99213", ["25"], ["E119"], new DateOnly(2026, 3, 2), 1, 10_000, "11")]), Ct);
        // The generated line says 99213 with no modifier and no REF*6R.
        var text = Generated([("11111", "EFT-9", 1, 0)], controlNumbers: false);

        var result = await _files.ImportAsync(Text(text), Ct);

        var line = (await _queries.GetAsync(result.Remittances.Single().Result.RemittanceId, Ct)).Claims.Single().Lines.Single();
        Assert.Equal(("EFT-9-C1-LINE", 8_000L), (line.LineItemControlNumber, line.PaidCents));
        Assert.Empty((await new UnmatchedUseCases(_store).ListAsync(10, "", Ct)).Items);
    }

    /// <summary>An 835 file with one transaction per (payer, trace): claims paid 80.00 of 100.00 (CO-45 20.00), and a WO recoupment.</summary>
    internal static string Generated(IReadOnlyList<(string Payer, string Trace, int Claims, long Recoupment)> transactions, bool controlNumbers = true)
    {
        var builder = new InterchangeBuilder(X12Writer.Isa("ZZ", "PAYER", "ZZ", "PROVIDER", At, 7, false, Delimiters.Default), Delimiters.Default);
        var group = 1;
        foreach (var (payer, trace, claims, recoupment) in transactions)
        {
            var payments = Enumerable.Range(1, claims).Select(i => new ClaimPayment835($"{trace}-C{i}", "1", 10_000, 8_000, 0, "12", $"ICN-{trace}-{i}", new PersonName("DOE", "JANE", "", ""), "M1",
                [], [], [new LinePayment835(controlNumbers ? $"{trace}-C{i}-1" : "", "99213", [], 10_000, 8_000, 1, new DateOnly(2026, 3, 2), [new PayerAdjustment("CO", "45", 2_000)], [], 8_000)])).ToList();
            var plb = recoupment == 0 ? new List<ProviderAdjustment835>() : [new ProviderAdjustment835("1234567893", new DateOnly(2026, 12, 31), "WO", "ICN-OLD", recoupment)];
            var remittance = new Remittance835(payer, "PAYER " + payer, "SAMPLE FAMILY PRACTICE", "1234567893", trace, new DateOnly(2026, 4, 1), claims * 8_000L - recoupment, "ACH", payments, plb);
            builder.Group("HP", "PAYER", "PROVIDER", At, group++, Remittance835Writer.Version, "835", [("0001", Remittance835Writer.Body(remittance))]);
        }

        return X12Writer.Write(builder.Build());
    }

    /// <summary>Fails the Nth commit as a lost connection would, after which the process is gone.</summary>
    private sealed class FailingStore(IDocumentStore inner, int failOnCommit) : IDocumentStore
    {
        private int _commits;

        public Task<StoredDocument?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public Task<IReadOnlyList<StoredDocument>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) => inner.GetManyAsync(keys, cancellationToken);

        public Task<IReadOnlyList<IndexEntry>> RangeAsync(string index, IndexEntry? after, int take, bool descending = false, CancellationToken cancellationToken = default) =>
            inner.RangeAsync(index, after, take, descending, cancellationToken);

        public Task<IReadOnlyDictionary<string, long>> GetCountersAsync(string key, CancellationToken cancellationToken = default) => inner.GetCountersAsync(key, cancellationToken);

        public Task<IdempotencyRecord?> GetIdempotencyAsync(string idempotencyKey, CancellationToken cancellationToken = default) => inner.GetIdempotencyAsync(idempotencyKey, cancellationToken);

        public Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default) =>
            ++_commits == failOnCommit ? throw new IOException("connection lost") : inner.CommitAsync(changes, cancellationToken);
    }
}
