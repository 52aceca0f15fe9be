using RevenueCycle.Collections.Domain.Kpis;
using RevenueCycle.Collections.Domain.Model;

namespace RevenueCycle.Collections.Tests.Domain.Kpis;

/// <summary>
/// The A/R figures on four claims worked by hand, period 2026-04-01 to 2026-04-30 (30 days):
/// <list type="table">
/// <item>A: seen 04-01, $100; payer paid $70, contractual $20, $10 to the patient who paid $6 (an account-level payment
/// applied to the claim): $4 open.</item>
/// <item>B: seen 01-10 (110 days), $200; contractual $50, the rest ($150) written off as a final denial: nothing open.</item>
/// <item>C: seen 01-20 (100 days), $50, no answer yet: $50 open.</item>
/// <item>D: seen 04-05, $30; payer paid $20, contractual $5, $5 to the patient, written off as charity: nothing open.</item>
/// </list>
/// Charges $380, contractual $75, charity $5: net revenue $300. Net A/R $54. Net days in A/R 54 x 30 / 300 = 5.4.
/// A/R over 90 days: C's $50 of $54. Net collection rate: cash $96 of $305. Final denial write-offs: $150 of $300.
/// </summary>
public sealed class KpiReportTests
{
    private static readonly DateTimeOffset At = new(2026, 4, 20, 12, 0, 0, TimeSpan.Zero);

    private static LedgerEntry Line(string claim, string kind, long cents, string reason = "") => new($"{claim}-{kind}-{cents}", kind, claim, cents, At, "test", Reason: reason);

    private static ClaimBalance Balance(string id, long charge, long payers, long adjusted, long patientShare, long patientPaid = 0, long writtenOff = 0) =>
        new(id, charge, payers, adjusted, patientShare, patientPaid, At, 0, PatientWrittenOffCents: writtenOff);

    private static KpiClaim Claim(string id, DateOnly seen) => KpiClaim.For(id) with { ServiceDate = seen, SubmittedOn = new DateOnly(2026, 4, 10) };

    [Fact]
    public void TheArFigures_AreExact()
    {
        // The ledger lines of each claim, and its balance as it stands (patient payments are spread from one account line).
        var money = new Dictionary<string, KpiMoney>
        {
            ["A"] = KpiMoney.Of([Line("A", LedgerKinds.Charge, 10_000), Line("A", LedgerKinds.InsurancePayment, -7_000), Line("A", LedgerKinds.Adjustment, -2_000),
                Line("A", LedgerKinds.PatientResponsibility, 1_000)], Balance("A", 10_000, 7_000, 2_000, 1_000, patientPaid: 600)),
            ["B"] = KpiMoney.Of([Line("B", LedgerKinds.Charge, 20_000), Line("B", LedgerKinds.Adjustment, -5_000),
                Line("B", LedgerKinds.Adjustment, -15_000, WriteOffCodes.FinalDenial)], Balance("B", 20_000, 0, 20_000, 0)),
            ["C"] = KpiMoney.Of([Line("C", LedgerKinds.Charge, 5_000)], Balance("C", 5_000, 0, 0, 0)),
            ["D"] = KpiMoney.Of([Line("D", LedgerKinds.Charge, 3_000), Line("D", LedgerKinds.InsurancePayment, -2_000), Line("D", LedgerKinds.Adjustment, -500),
                Line("D", LedgerKinds.PatientResponsibility, 500), Line("D", LedgerKinds.WriteOff, -500, WriteOffCodes.Charity)], Balance("D", 3_000, 2_000, 500, 500, writtenOff: 500)),
        };
        KpiClaim[] claims = [Claim("A", new(2026, 4, 1)), Claim("B", new(2026, 1, 10)), Claim("C", new(2026, 1, 20)), Claim("D", new(2026, 4, 5))];

        var all = KpiReport.Of(claims, "", money, (new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30))).Single();

        Assert.Equal(30_000, all.NetPatientServiceRevenueCents);
        Assert.Equal(5_400, all.NetArCents);
        Assert.Equal((new Average(162_000, 30_000), 5.4), (all.NetDaysInAr, all.NetDaysInAr!.Value));
        Assert.Equal(new Rate(5_000, 5_400), all.ArOver90Days);
        Assert.Equal(new Rate(9_600, 30_500), all.NetCollectionRate);
        Assert.Equal(new Rate(15_000, 30_000), all.FinalDenialWriteOffs);
    }

    [Fact]
    public void AWeekSlice_CountsItsOwnDays_ForNetDaysInAr()
    {
        // Two claims first submitted in different ISO weeks of a 30-day period, each $100 charged and open.
        KpiClaim[] claims = [Claim("A", new(2026, 4, 1)) with { SubmittedOn = new(2026, 4, 7) }, Claim("B", new(2026, 4, 1)) with { SubmittedOn = new(2026, 4, 21) }];
        var money = claims.ToDictionary(c => c.ClaimId, c => KpiMoney.Of([Line(c.ClaimId, LedgerKinds.Charge, 10_000)], Balance(c.ClaimId, 10_000, 0, 0, 0)));

        var weeks = KpiReport.Of(claims, "week", money, (new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)));

        Assert.Equal(["2026-W15", "2026-W17"], weeks.Select(w => w.Slice));
        Assert.All(weeks, w => Assert.Equal(new Average(10_000 * 7, 10_000), w.NetDaysInAr)); // a week's A/R over a week's revenue: 7 days
    }

    [Fact]
    public void NoClaims_AreZeros_NeverADivisionError()
    {
        var all = KpiReport.Of([], "", new Dictionary<string, KpiMoney>(), (new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30))).Single();

        Assert.Equal((0L, 0L, 0.0, 0.0, 0.0), (all.NetPatientServiceRevenueCents, all.NetArCents, all.NetDaysInAr!.Value, all.ArOver90Days!.Percent, all.FinalDenialWriteOffs!.Percent));
    }
}
