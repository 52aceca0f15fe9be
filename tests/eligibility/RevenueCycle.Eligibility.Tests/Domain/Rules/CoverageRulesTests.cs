using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Rules;

namespace RevenueCycle.Eligibility.Tests.Domain.Rules;

public sealed class CoverageRulesTests
{
    private static Benefits Benefits(long copay = 0, int coinsuranceBp = 2000, long deductible = 0, long deductibleMet = 0, long oopMax = 0, long oopMet = 0) =>
        new(copay, coinsuranceBp, deductible, deductibleMet, oopMax, oopMet, ["70553"]);

    private static Coverage Coverage(DateOnly start, DateOnly? end) => new(
        "cov_1", "pat-1", new Payer("12345", "Plan", "CI", Address.Empty),
        new Subscriber("M1", "", PersonName.Empty, null, Sex.Female, Address.Empty, Relationship.Self),
        CoveragePriority.Primary, "Gold", start, end, Benefits());

    [Theory]
    [InlineData("2025-12-31", CoverageStatus.Inactive)]
    [InlineData("2026-01-01", CoverageStatus.Active)]
    [InlineData("2026-06-30", CoverageStatus.Active)]
    [InlineData("2026-07-01", CoverageStatus.Inactive)]
    public void StatusOn_DateAroundCoveragePeriod_ActiveOnlyInside(string date, CoverageStatus expected)
    {
        var coverage = Coverage(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30));

        var (status, reason) = CoverageRules.StatusOn(coverage, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, status);
        Assert.Equal(expected == CoverageStatus.Active, reason.Length == 0);
    }

    [Fact]
    public void Estimate_CopayPlan_ChargesCopayOnly()
    {
        var estimate = CoverageRules.Estimate(Benefits(copay: 2_500, deductible: 100_000), 12_000);

        Assert.Equal(new CostEstimate(2_500, 0, 0, 2_500, 9_500), estimate);
    }

    [Fact]
    public void Estimate_CopayAboveAllowed_NeverExceedsAllowed()
    {
        var estimate = CoverageRules.Estimate(Benefits(copay: 5_000), 3_000);

        Assert.Equal(3_000, estimate.PatientTotalCents);
        Assert.Equal(0, estimate.PlanPaysCents);
    }

    [Fact]
    public void Estimate_DeductibleThenCoinsurance_SplitsAllowed()
    {
        // 500.00 deductible left, 20% coinsurance, 1,200.00 allowed: 500.00 + 20% of 700.00 = 640.00
        var estimate = CoverageRules.Estimate(Benefits(deductible: 150_000, deductibleMet: 100_000), 120_000);

        Assert.Equal(new CostEstimate(0, 50_000, 14_000, 64_000, 56_000), estimate);
    }

    [Fact]
    public void Estimate_CoinsuranceRoundsHalfUpToTheCent()
    {
        // 20% of 0.33 = 0.066 -> 0.07
        Assert.Equal(7, CoverageRules.Estimate(Benefits(), 33).CoinsuranceCents);
        // 20% of 0.32 = 0.064 -> 0.06
        Assert.Equal(6, CoverageRules.Estimate(Benefits(), 32).CoinsuranceCents);
    }

    [Fact]
    public void Estimate_OutOfPocketMaximumNearlyMet_CapsThePatientShare()
    {
        var estimate = CoverageRules.Estimate(Benefits(deductible: 100_000, oopMax: 300_000, oopMet: 280_000), 200_000);

        Assert.Equal(20_000, estimate.PatientTotalCents);
        Assert.Equal(estimate.PatientTotalCents, estimate.CopayCents + estimate.DeductibleCents + estimate.CoinsuranceCents);
        Assert.Equal(180_000, estimate.PlanPaysCents);
    }

    [Fact]
    public void PriorAuthorizationRequired_ListsOnlyTheCodesThePlanNames()
    {
        var required = CoverageRules.PriorAuthorizationRequired(Benefits(), ["99213", "70553", " 70553 "]);

        Assert.Equal(["70553"], required);
    }
}
