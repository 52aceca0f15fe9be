using RevenueCycle.Collections.Domain.Model;

namespace RevenueCycle.Collections.Tests.Domain.Model;

public sealed class AccountTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Adjudication_MovesThePatientShareToThePatientBalance()
    {
        var account = Account.Open("a1")
            .WithCharge("C1", 14_500, Day1, "e1")
            .WithAdjudication("C1", PayerSequence.Final, 7_000, 5_500, 2_000, Day1, "e2");

        var claim = Assert.Single(account.Claims);
        Assert.Equal((14_500L, 7_000L, 5_500L, 2_000L, 2_000L), (claim.ChargeCents, claim.InsurancePaidCents, claim.AdjustmentCents, claim.PatientResponsibilityCents, claim.PatientBalanceCents));
        Assert.Equal(2_000, account.PatientBalanceCents);
        // Charge - payment - adjustment leaves what is owed; the responsibility entry is a transfer between buckets.
        Assert.Equal(account.PatientBalanceCents, account.Ledger.Where(e => e.Kind != LedgerKinds.PatientResponsibility).Sum(e => e.AmountCents));
    }

    [Fact]
    public void Payment_AppliesToTheOldestBalanceFirst_RestUnapplied()
    {
        var account = Account.Open("a1")
            .WithAdjudication("C-new", PayerSequence.Final, 0, 0, 3_000, Day1.AddDays(10), "e2")
            .WithAdjudication("C-old", PayerSequence.Final, 0, 0, 1_000, Day1, "e1")
            .WithPatientPayment(5_000, Day1.AddDays(11), "p1");

        Assert.Equal(1_000, account.Claims.Single(c => c.ClaimId == "C-old").PatientPaidCents);
        Assert.Equal(3_000, account.Claims.Single(c => c.ClaimId == "C-new").PatientPaidCents);
        Assert.Equal(1_000, account.UnappliedCents);
        Assert.Equal(-1_000, account.PatientBalanceCents);
    }

    [Fact]
    public void Adjudication_AfterAPrepayment_UsesTheUnappliedMoney()
    {
        var account = Account.Open("a1")
            .WithPatientPayment(2_500, Day1, "p1")
            .WithAdjudication("C1", PayerSequence.Final, 7_000, 5_500, 2_000, Day1.AddDays(1), "e1");

        Assert.Equal(2_000, account.Claims.Single().PatientPaidCents);
        Assert.Equal(500, account.UnappliedCents);
    }

    [Fact]
    public void SecondaryPayer_ReplacesThePrimarysPatientShare()
    {
        // Primary pays 60.00, writes off 20.00, leaves 20.00 to the patient and forwards the claim (19);
        // the secondary pays 15.00 of that and leaves 5.00 (status 2).
        var account = Account.Open("a1")
            .WithCharge("C1", 10_000, Day1, "charge")
            .WithAdjudication("C1", PayerSequence.Forwarded, 6_000, 2_000, 2_000, Day1, "primary")
            .WithAdjudication("C1", PayerSequence.Subsequent, 1_500, 0, 500, Day1.AddDays(20), "secondary");

        var claim = account.Claims.Single();
        Assert.Equal((7_500L, 2_000L, 500L, 0L, 0L), (claim.InsurancePaidCents, claim.AdjustmentCents, claim.PatientResponsibilityCents, claim.PendingPatientResponsibilityCents, claim.InsuranceBalanceCents));
        Assert.Equal(500, account.PatientBalanceCents);
    }

    [Fact]
    public void ForwardedClaim_HoldsThePatientShareUntilTheNextPayer()
    {
        var account = Account.Open("a1")
            .WithCharge("C1", 10_000, Day1, "charge")
            .WithAdjudication("C1", PayerSequence.Forwarded, 6_000, 2_000, 2_000, Day1, "primary");

        Assert.Equal(0, account.PatientBalanceCents);
        Assert.Equal(2_000, account.Claims.Single().PendingPatientResponsibilityCents);
        Assert.Equal(0, account.Claims.Single().InsuranceBalanceCents);
    }

    [Fact]
    public void DeniedLine_StaysAsInsuranceBalance()
    {
        // 145.00 charged; 70.00 paid, 35.00 contractual, 20.00 coinsurance; the 20.00 denied line is not adjusted away.
        var account = Account.Open("a1").WithCharge("C1", 14_500, Day1, "c").WithAdjudication("C1", PayerSequence.Final, 7_000, 3_500, 2_000, Day1, "e");

        Assert.Equal(2_000, account.Claims.Single().InsuranceBalanceCents);
    }

    [Fact]
    public void Charge_ReplacementWithANewTotal_RecordsOnlyTheDifference()
    {
        var account = Account.Open("a1").WithCharge("C1", 14_500, Day1, "v1").WithCharge("C1", 16_000, Day1, "v2").WithCharge("C1", 16_000, Day1, "v2-again");

        Assert.Equal([14_500L, 1_500L], account.Ledger.Select(e => e.AmountCents));
        Assert.Equal(16_000, account.Claims.Single().ChargeCents);
    }
}
