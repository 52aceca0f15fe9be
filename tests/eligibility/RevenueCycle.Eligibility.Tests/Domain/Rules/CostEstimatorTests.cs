using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Rules;

namespace RevenueCycle.Eligibility.Tests.Domain.Rules;

/// <summary>Worked examples, exact to the cent: copay, deductible, coinsurance and the out-of-pocket cap, in that order.</summary>
public sealed class CostEstimatorTests
{
    private static CostShareTerms Terms(long copay = 0, int coinsuranceBp = 2000, long deductibleLeft = 0, long? outOfPocketLeft = null) =>
        new(copay, coinsuranceBp, deductibleLeft, outOfPocketLeft, "test");

    private static PatientEstimate Estimate(CostShareTerms terms, params long[] allowed) =>
        CostEstimator.Estimate(allowed.Select((a, i) => new EstimatedLine($"9921{i + 3}", 1, a, "given")).ToList(), terms, "");

    [Fact]
    public void Copay_IsAllThePatientPays_DeductibleAndCoinsuranceDoNotApply()
    {
        var e = Estimate(Terms(copay: 2_500, deductibleLeft: 100_000), 12_000);

        Assert.Equal((2_500L, 0L, 0L, 2_500L, 9_500L), (e.CopayCents, e.DeductibleCents, e.CoinsuranceCents, e.PatientTotalCents, e.PlanPaysCents));
    }

    [Fact]
    public void Copay_NeverMoreThanAllowed()
    {
        var e = Estimate(Terms(copay: 5_000), 3_000);

        Assert.Equal((3_000L, 0L), (e.PatientTotalCents, e.PlanPaysCents));
    }

    [Fact]
    public void Deductible_ThenCoinsuranceOnTheRest()
    {
        // $500.00 of the deductible left, 20%, $1,200.00 allowed: $500.00 + 20% of $700.00 = $640.00
        var e = Estimate(Terms(deductibleLeft: 50_000), 120_000);

        Assert.Equal((0L, 50_000L, 14_000L, 64_000L, 56_000L), (e.CopayCents, e.DeductibleCents, e.CoinsuranceCents, e.PatientTotalCents, e.PlanPaysCents));
        Assert.Equal("Coinsurance 20% of the remaining $700.00: $140.00.", e.Steps[2]);
    }

    [Fact]
    public void TheSandboxsDScenario_TwoLines_MatchesWhatItsClaimWillPay()
    {
        // The sandbox's member D: $50.00 deductible left, 20% coinsurance; a $100.00 and a $16.00 allowed line
        // ($125.00 and $20.00 charged at 80%): $50.00 + 20% of $66.00 = $63.20.
        var e = Estimate(Terms(deductibleLeft: 5_000, outOfPocketLeft: 255_000), 10_000, 1_600);

        Assert.Equal((5_000L, 1_320L, 6_320L, 5_280L), (e.DeductibleCents, e.CoinsuranceCents, e.PatientTotalCents, e.PlanPaysCents));
    }

    [Theory]
    [InlineData(33, 7)] // 20% of $0.33 = 6.6 cents -> 7
    [InlineData(32, 6)] // 20% of $0.32 = 6.4 cents -> 6
    [InlineData(25, 5)] // exactly 5 cents
    [InlineData(1_234_567, 246_913)] // 20% of $12,345.67 = $2,469.134 -> $2,469.13
    public void Coinsurance_RoundsHalfUpToTheCent(long allowed, long coinsurance)
    {
        Assert.Equal(coinsurance, Estimate(Terms(), allowed).CoinsuranceCents);
    }

    [Fact]
    public void OutOfPocketCap_TakesTheExcessBackFromCoinsuranceFirst()
    {
        // $1,000.00 deductible left, 20%, $2,000.00 allowed: $1,000.00 + $200.00 = $1,200.00, but only $200.00 left to the cap.
        var e = Estimate(Terms(deductibleLeft: 100_000, outOfPocketLeft: 20_000), 200_000);

        Assert.Equal((0L, 20_000L, 0L, 20_000L, 180_000L), (e.CopayCents, e.DeductibleCents, e.CoinsuranceCents, e.PatientTotalCents, e.PlanPaysCents));
        Assert.Contains("Out-of-pocket maximum", e.Steps[^2]);
    }

    [Fact]
    public void OutOfPocketMet_PatientOwesNothing()
    {
        var e = Estimate(Terms(copay: 2_500, outOfPocketLeft: 0), 12_000);

        Assert.Equal((0L, 12_000L), (e.PatientTotalCents, e.PlanPaysCents));
    }

    [Fact]
    public void Terms_FromA271_UseTheServiceTypeThenThePlan_InNetwork()
    {
        var result = new EligibilityResult(EligibilityOutcome.Active, [], "PPO", "", "IND", null, null, ["30", "98"], [], [
            new BenefitAmount(BenefitKind.Deductible, ["30"], Network.InNetwork, "IND", AmountPeriod.Total, "23", 50_000, null, ""),
            new BenefitAmount(BenefitKind.Deductible, ["30"], Network.InNetwork, "IND", AmountPeriod.Remaining, "29", 5_000, null, ""),
            new BenefitAmount(BenefitKind.Deductible, ["30"], Network.InNetwork, "FAM", AmountPeriod.Remaining, "29", 80_000, null, ""),
            new BenefitAmount(BenefitKind.Coinsurance, ["30"], Network.InNetwork, "IND", AmountPeriod.Total, "", null, 2_000, ""),
            new BenefitAmount(BenefitKind.Coinsurance, ["30"], Network.OutOfNetwork, "IND", AmountPeriod.Total, "", null, 4_000, ""),
            new BenefitAmount(BenefitKind.Copay, ["98"], Network.InNetwork, "IND", AmountPeriod.PerVisit, "27", 2_500, null, ""),
            new BenefitAmount(BenefitKind.OutOfPocket, ["30"], Network.InNetwork, "IND", AmountPeriod.Remaining, "29", 255_000, null, ""),
        ], [], [], []);

        var office = CostEstimator.Terms(result, "98", Network.InNetwork, "271");
        var hospital = CostEstimator.Terms(result, "47", Network.OutOfNetwork, "271");

        Assert.Equal(new CostShareTerms(2_500, 2_000, 5_000, 255_000, "271"), office);
        Assert.Equal((0L, 4_000), (hospital.CopayCents, hospital.CoinsuranceBasisPoints));
    }
}
