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

    /// <summary>
    /// Patient cost for an allowed amount: a copay plan charges the copay (never more than allowed); otherwise
    /// the remaining deductible applies first and coinsurance to the rest. The patient's total is capped by the
    /// out-of-pocket maximum still to meet. Integer cents throughout; coinsurance rounds half up to the cent.
    /// </summary>
    public static CostEstimate Estimate(Benefits benefits, long allowedCents)
    {
        long copay = 0, deductible = 0, coinsurance = 0;
        if (benefits.CopayCents > 0)
        {
            copay = Math.Min(benefits.CopayCents, allowedCents);
        }
        else
        {
            deductible = Math.Min(benefits.DeductibleRemainingCents, allowedCents);
            coinsurance = ((allowedCents - deductible) * benefits.CoinsuranceBasisPoints + 5_000) / 10_000;
        }

        var total = copay + deductible + coinsurance;
        if (benefits.OutOfPocketRemainingCents is { } remaining && total > remaining)
        {
            // Take the excess back from coinsurance first, then deductible, then copay, so the parts still add up.
            var excess = total - remaining;
            var fromCoinsurance = Math.Min(excess, coinsurance);
            coinsurance -= fromCoinsurance;
            excess -= fromCoinsurance;
            var fromDeductible = Math.Min(excess, deductible);
            deductible -= fromDeductible;
            excess -= fromDeductible;
            copay -= excess;
            total = remaining;
        }

        return new CostEstimate(copay, deductible, coinsurance, total, allowedCents - total);
    }
}
