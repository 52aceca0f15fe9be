using RevenueCycle.Eligibility.Domain.Model;

namespace RevenueCycle.Eligibility.Domain.Rules;

public static class CoverageRules
{
    /// <summary>Whether the coverage pays on the date, and why not when it does not.</summary>
    public static (CoverageStatus Status, string Reason) StatusOn(Coverage coverage, DateOnly dateOfService)
    {
        if (dateOfService < coverage.EffectiveDate)
        {
            return (CoverageStatus.Inactive, $"coverage starts {coverage.EffectiveDate:yyyy-MM-dd}");
        }

        if (coverage.TerminationDate is { } end && dateOfService > end)
        {
            return (CoverageStatus.Inactive, $"coverage ended {end:yyyy-MM-dd}");
        }

        return (CoverageStatus.Active, "");
    }

    /// <summary>The requested procedure codes this plan wants prior authorization for.</summary>
    public static IReadOnlyList<string> PriorAuthorizationRequired(Benefits benefits, IEnumerable<string> procedureCodes) =>
        procedureCodes.Select(c => c.Trim().ToUpperInvariant())
            .Where(c => benefits.PriorAuthorizationCodes.Contains(c, StringComparer.OrdinalIgnoreCase))
            .Distinct()
            .ToArray();
}
