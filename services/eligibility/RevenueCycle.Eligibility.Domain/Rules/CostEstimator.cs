using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Eligibility.Domain.Model;

namespace RevenueCycle.Eligibility.Domain.Rules;

/// <summary>
/// The patient's share of an allowed amount, in the order plans apply it: a service with a copay costs the copay (never
/// more than allowed; the deductible and coinsurance do not apply to it); otherwise the deductible still to meet comes
/// first, then the coinsurance on the rest (half a cent rounds up); then the total is capped by the out-of-pocket
/// maximum still to reach, taken back from coinsurance first, then deductible, then copay. Integer cents throughout.
/// </summary>
public static class CostEstimator
{
    /// <summary>The terms a 271 gives for a service type and network (falling back to the plan's, service type 30).</summary>
    public static CostShareTerms Terms(EligibilityResult result, string serviceType, Network network, string source)
    {
        long? Cents(BenefitKind kind, AmountPeriod period) => result.Find(kind, serviceType, network, period)?.Cents;
        var deductibleLeft = Cents(BenefitKind.Deductible, AmountPeriod.Remaining) ?? Cents(BenefitKind.Deductible, AmountPeriod.Total) ?? 0;
        var outOfPocketLeft = Cents(BenefitKind.OutOfPocket, AmountPeriod.Remaining) ?? Cents(BenefitKind.OutOfPocket, AmountPeriod.Total);
        return new CostShareTerms(
            Cents(BenefitKind.Copay, AmountPeriod.PerVisit) ?? 0,
            result.Find(BenefitKind.Coinsurance, serviceType, network, AmountPeriod.Total)?.BasisPoints ?? 0,
            deductibleLeft, outOfPocketLeft, source);
    }

    public static PatientEstimate Estimate(IReadOnlyList<EstimatedLine> lines, CostShareTerms terms, string snapshotId)
    {
        var allowed = lines.Sum(l => l.AllowedCents);
        var steps = new List<string> { Format($"Allowed {Money.Format(allowed)} ({string.Join(" + ", lines.Select(l => $"{l.ProcedureCode} {Money.Format(l.AllowedCents)}"))}).") };
        long copay = 0, deductible = 0, coinsurance = 0;
        if (terms.CopayCents > 0)
        {
            copay = Math.Min(terms.CopayCents, allowed);
            steps.Add(Format($"Copay {Money.Format(terms.CopayCents)} per visit: the patient pays {Money.Format(copay)}; deductible and coinsurance do not apply."));
        }
        else
        {
            deductible = Math.Min(terms.DeductibleRemainingCents, allowed);
            steps.Add(Format($"Deductible: {Money.Format(terms.DeductibleRemainingCents)} still to meet, {Money.Format(deductible)} of this visit goes to it."));
            coinsurance = ((allowed - deductible) * terms.CoinsuranceBasisPoints + 5_000) / 10_000;
            steps.Add(Format($"Coinsurance {terms.CoinsuranceBasisPoints / 100m:0.##}% of the remaining {Money.Format(allowed - deductible)}: {Money.Format(coinsurance)}."));
        }

        var total = copay + deductible + coinsurance;
        if (terms.OutOfPocketRemainingCents is { } remaining && total > remaining)
        {
            var excess = total - remaining;
            var fromCoinsurance = Math.Min(excess, coinsurance);
            coinsurance -= fromCoinsurance;
            excess -= fromCoinsurance;
            var fromDeductible = Math.Min(excess, deductible);
            deductible -= fromDeductible;
            excess -= fromDeductible;
            copay -= excess;
            steps.Add(Format($"Out-of-pocket maximum: only {Money.Format(remaining)} left to reach, so the patient's share stops there."));
            total = remaining;
        }

        steps.Add(Format($"Patient {Money.Format(total)}, plan {Money.Format(allowed - total)}."));
        return new PatientEstimate(lines, allowed, copay, deductible, coinsurance, total, allowed - total, terms, snapshotId, steps);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
