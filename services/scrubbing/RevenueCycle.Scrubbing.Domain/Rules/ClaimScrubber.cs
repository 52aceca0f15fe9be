using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.Scrubbing.Domain.PayerRules;

namespace RevenueCycle.Scrubbing.Domain.Rules;

/// <summary>What a scrub runs against: the reference data in force, the payer rules and today's date (timely filing).</summary>
public sealed record ScrubContext(ReferenceDataSet ReferenceData, PayerRuleSet PayerRules, DateOnly Today);

/// <summary>
/// The edit engine: claim data, code sets, NCCI, duplicate lines within the claim, timely filing and payer rules.
/// Pure and synchronous (duplicates across claims need the store and are the use case's part); a claim missing
/// parts gets findings, never an exception.
/// </summary>
public static class ClaimScrubber
{
    public static List<Finding> Scrub(Claim claim, ScrubContext context)
    {
        var findings = ClaimRules.Check(claim);
        var claimDate = claim.FirstDateOfService ?? context.Today;
        var views = new Dictionary<DateOnly, CodeSetView>();
        CodeSetView CodesOn(DateOnly date)
        {
            if (!views.TryGetValue(date, out var view))
            {
                views[date] = view = context.ReferenceData.For(date);
            }

            return view;
        }

        CodeSetRules.Check(claim, CodesOn, claimDate, findings);
        NcciRules.Check(claim, CodesOn, findings);
        DuplicateRules.Check(claim, findings);
        PayerRuleEdits.Check(claim, context.PayerRules, context.Today, findings);
        return findings;
    }

    /// <summary>Every table a scrub on this date uses, e.g. "claim rules 2026.1; ICD-10-CM FY2024; ...; payer rules 2026.1".</summary>
    public static string RulesVersion(Claim claim, ScrubContext context)
    {
        var codes = context.ReferenceData.For(claim.FirstDateOfService ?? context.Today);
        var ncci = codes.Ncci is { } release ? string.Join("; ", release.Tables.Select(t => t.Version)) : "no NCCI";
        return $"{ClaimRules.Version}; {codes.Version}; {ncci}; payer rules {context.PayerRules.Version}";
    }
}
