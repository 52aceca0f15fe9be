using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Collections.Domain.Kpis;
using RevenueCycle.Collections.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Collections.Tests.Domain.Kpis;

/// <summary>
/// A small batch worked by hand (docs/KPIS.md gives the same figures): five original claims submitted 2026-04-10 and a
/// secondary claim, through the events collections folds.
/// <list type="table">
/// <item>A: P1, NPI 111, 99213, seen 04-01, $100, clean at the scrubber, paid $70 on the first answer: touchless.</item>
/// <item>B: P1, NPI 111, 99214 + 36415, seen 04-05, $200 on 2 lines, a scrubber warning; the first answer denies line 2 CO-97
/// (coding, $30); corrected, version 2 paid.</item>
/// <item>C: P2, NPI 222, 99213, seen 04-08, $100, clean; version 1 rejected by the 277CA (front-end), corrected, not yet paid.</item>
/// <item>D: P2, NPI 222, 99215, seen 04-02, $150, clean; the first answer pays nothing, claim-level CO-16 (billing, $150).</item>
/// <item>E: P1, NPI 111, 99213, seen 04-09, $100; version 1 refused by the scrubber, version 2 went out and was paid $80.</item>
/// </list>
/// </summary>
public sealed class KpiProjectionTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 4, 10, 15, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDocumentStore _store = new();
    private readonly KpiProjection _kpis;
    private readonly AccountUseCases _accounts;

    public KpiProjectionTests()
    {
        _kpis = new KpiProjection(_store, _clock);
        _accounts = new AccountUseCases(_store, _clock, _kpis);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimSubmittedIntegrationEvent Claim(string id, int version, string payer, string npi, string[] codes, DateOnly seen, long charge, int findings = 0,
        string secondaryOf = "") =>
        new ClaimSubmittedIntegrationEvent(id, version, version == 1 ? "1" : "7", payer, $"acct-{id}", charge,
            codes.Select((c, i) => new SubmittedLineCodes($"{id}-{i + 1}", c, [], [], seen, 1, charge / codes.Length)).ToList(),
            SecondaryOf: secondaryOf, ProviderNpi: npi, ScrubFindingCount: findings) { OccurredAt = Submitted.AddDays(version - 1) };

    private static ClaimAdjudicatedIntegrationEvent Paid(string id, string remittance, long charge, long paid, int day) =>
        new ClaimAdjudicatedIntegrationEvent(id, remittance, "P", "ICN", "1", charge, paid, charge - paid, 0, null) { OccurredAt = Submitted.AddDays(day) };

    private static ClaimDeniedIntegrationEvent Denied(string id, string remittance, string line, string carc, string rootCause, long cents) =>
        new($"den-{id}", id, remittance, "P", "ICN", line.Length == 0 ? null : line, null, [], "CO", carc, [], cents, "x", rootCause, "1", null);

    private async Task BatchAsync()
    {
        var day = new DateOnly(2026, 4, 1);
        await _accounts.HandleAsync(Claim("A", 1, "P1", "111", ["99213"], day, 10_000), Ct);
        await _accounts.HandleAsync(Paid("A", "R1", 10_000, 7_000, 10), Ct);
        await _accounts.HandleAsync(Claim("S", 1, "P2", "111", ["99213"], day, 10_000, secondaryOf: "A"), Ct);

        await _accounts.HandleAsync(Claim("B", 1, "P1", "111", ["99214", "36415"], day.AddDays(4), 20_000, findings: 1), Ct);
        await _kpis.HandleAsync(Denied("B", "R1", "B-2", "97", "coding", 3_000), Ct); // the denial may come before its adjudication
        await _accounts.HandleAsync(Paid("B", "R1", 20_000, 5_000, 10), Ct);
        await _kpis.HandleAsync(new CodingCorrectedIntegrationEvent("t1", "B", "ICN", "den-B", [], []), Ct);
        await _accounts.HandleAsync(Claim("B", 2, "P1", "111", ["99214", "36415"], day.AddDays(4), 20_000), Ct);
        await _accounts.HandleAsync(Paid("B", "R2", 20_000, 3_000, 20), Ct);

        await _accounts.HandleAsync(Claim("C", 1, "P2", "222", ["99213"], day.AddDays(7), 10_000), Ct);
        await _kpis.HandleAsync(new ClaimRejectedIntegrationEvent("C", 1, "P2", "277CA", "front-end", ["A7:562"], "subscriber not found"), Ct);
        await _kpis.HandleAsync(new FrontEndCorrectedIntegrationEvent("t2", "C", "", "rej-C", "cov-2", ""), Ct);
        await _accounts.HandleAsync(Claim("C", 2, "P2", "222", ["99213"], day.AddDays(7), 10_000), Ct);

        await _accounts.HandleAsync(Claim("D", 1, "P2", "222", ["99215"], day.AddDays(1), 15_000), Ct);
        await _accounts.HandleAsync(Paid("D", "R3", 15_000, 0, 10) with { AdjustmentCents = 0 }, Ct);
        await _kpis.HandleAsync(Denied("D", "R3", "", "16", "billing", 15_000), Ct);

        await _accounts.HandleAsync(Claim("E", 2, "P1", "111", ["99213"], day.AddDays(8), 10_000) with { OccurredAt = Submitted }, Ct);
        await _accounts.HandleAsync(Paid("E", "R4", 10_000, 8_000, 10), Ct);
    }

    [Fact]
    public async Task APatientPayment_IsCash_AndLeavesTheAr()
    {
        await _accounts.HandleAsync(Claim("P", 1, "P1", "111", ["99213"], new DateOnly(2026, 4, 1), 10_000), Ct);
        await _accounts.HandleAsync(new ClaimAdjudicatedIntegrationEvent("P", "R9", "P1", "ICN", "1", 10_000, 6_000, 2_000, 2_000, null) { OccurredAt = Submitted.AddDays(5) }, Ct);
        await _accounts.RecordPatientPaymentAsync("acct-P", "pay-1", 1_500, "card", Ct); // one account-level ledger line, applied to the claim

        var all = (await _kpis.QueryAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "", "", Ct)).Figures.Single();

        Assert.Equal(new Rate(7_500, 8_000), all.NetCollectionRate); // $60 payer + $15 patient over $100 less $20 contractual
        Assert.Equal(500, all.NetArCents);
        Assert.Equal(8_000, all.NetPatientServiceRevenueCents);
    }

    [Fact]
    public async Task TheHandWorkedBatch_GivesTheExactFigures()
    {
        await BatchAsync();

        var (from, to, figures) = await _kpis.QueryAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "", "", Ct);
        var all = Assert.Single(figures);

        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), 5), (from, to, all.Claims)); // the secondary claim is not a claim of the cohort
        Assert.Equal(new Rate(3, 5), all.CleanClaimScrubber); // A, C, D
        Assert.Equal(new Rate(4, 5), all.CleanClaimAcceptance); // all but C
        Assert.Equal(new Rate(2, 4), all.CleanClaimFirstPassPaid); // A, E of A, B, D, E
        Assert.Equal(new Rate(2, 4), all.InitialDenialClaims); // B, D
        Assert.Equal(new Rate(18_000, 55_000), all.InitialDenialDollars);
        Assert.Equal(32.73, all.InitialDenialDollars.Percent);
        Assert.Equal(new Rate(2, 5), all.InitialDenialLines); // B's line 2, D's only line (a claim-level denial)
        Assert.Equal(new Rate(1, 4), all.TouchlessClaims); // A
        Assert.Equal(new Average(25, 5), all.DaysEncounterToClaim); // 9 + 5 + 2 + 8 + 1
        Assert.Equal([new DenialCount("billing", 1, 15_000), new DenialCount("coding", 1, 3_000)], all.DenialsByRootCause);
        Assert.Equal([new DenialCount("CO-16", 1, 15_000), new DenialCount("CO-97", 1, 3_000)], all.DenialsByCarc);
    }

    [Fact]
    public async Task Slices_ByPayerAndCarc_AddUpToTheWhole()
    {
        await BatchAsync();

        var (_, _, byPayer) = await _kpis.QueryAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "payer", "", Ct);
        var (_, _, byCarc) = await _kpis.QueryAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "carc", "", Ct);
        var (_, _, byCode) = await _kpis.QueryAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "code", "", Ct);

        Assert.Equal([("P1", 3, new Rate(1, 3)), ("P2", 2, new Rate(1, 1))], byPayer.Select(f => (f.Slice, f.Claims, f.InitialDenialClaims)));
        Assert.Equal(["(no denial)", "CO-16", "CO-97"], byCarc.Select(f => f.Slice));
        Assert.Equal(5, byCarc.Sum(f => f.Claims));
        Assert.Equal(["36415", "99213", "99214", "99215"], byCode.Select(f => f.Slice));
        var (_, _, byMonth) = await _kpis.QueryAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "month", "", Ct);
        var (_, _, byWeek) = await _kpis.QueryAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "week", "", Ct);
        Assert.Equal([("2026-04", 5)], byMonth.Select(f => (f.Slice, f.Claims)));
        Assert.Equal([("2026-W15", 5)], byWeek.Select(f => (f.Slice, f.Claims)));
    }

    [Fact]
    public async Task AnEmptyPeriodOrUnknownPayer_GivesZerosForThePeriodNamed_AndTheSameEventTwiceCountsOnce()
    {
        await BatchAsync();
        var denial = Denied("D", "R3", "", "16", "billing", 15_000) with { Id = "den-once" };
        await _kpis.HandleAsync(denial, Ct);
        await _kpis.HandleAsync(denial, Ct);

        var (from, to, empty) = await _kpis.QueryAsync(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), "", "", Ct);
        var (_, _, unknown) = await _kpis.QueryAsync(null, null, "", "NOBODY", Ct);
        var bad = await Assert.ThrowsAsync<ValidationException>(() => _kpis.QueryAsync(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 1), "zip", "", Ct));

        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31)), (from, to));
        Assert.Equal((0, 0.0, 0.0), (empty[0].Claims, empty[0].CleanClaimScrubber.Percent, empty[0].DaysEncounterToClaim.Value));
        Assert.Equal(0, unknown[0].Claims);
        Assert.Equal(["from", "by"], bad.Violations.Select(v => v.Field));
        var (_, _, figures) = await _kpis.QueryAsync(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), "", "", Ct);
        Assert.Equal(2, figures[0].DenialsByCarc.Sum(d => d.Denials)); // den-once repeats denial den-D under another event id: still one denial
    }
}
