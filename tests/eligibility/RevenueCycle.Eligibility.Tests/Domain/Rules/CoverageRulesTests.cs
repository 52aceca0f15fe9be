using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Rules;

namespace RevenueCycle.Eligibility.Tests.Domain.Rules;

public sealed class CoverageRulesTests
{
    private static Benefits Benefits() => new(0, 2000, 0, 0, 0, 0, ["70553"]);

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
    public void PriorAuthorizationRequired_ListsOnlyTheCodesThePlanNames()
    {
        var required = CoverageRules.PriorAuthorizationRequired(Benefits(), ["99213", "70553", " 70553 "]);

        Assert.Equal(["70553"], required);
    }
}
