using RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Domain.Rules;

/// <summary>
/// Detects denials on a remittance and classifies each by its CARC (and, for CARC 16, its RARCs) into a
/// root-cause category and owner. The map is versioned: every denial records the version that classified it.
/// Contractual write-downs (CO-45, CO-253 ...) and patient responsibility (PR) are not denials.
/// </summary>
public static class DenialClassifier
{
    public const string Version = "RevenueCycle CARC/RARC map 2026.2";

    public const string Coding = "coding";
    public const string Billing = "billing";
    public const string FrontEnd = "front-end";

    /// <summary>Groups whose adjustments can be denials; PR is the patient's share, CR a correction.</summary>
    private static readonly HashSet<string> DenialGroups = ["CO", "OA", "PI"];

    /// <summary>
    /// Adjustments that are part of normal payment: 45 contractual, 253 sequestration, 94 processed in excess of
    /// charges, 144 incentive, 23 impact of prior payer (COB arithmetic), 42 charges exceed fee schedule (old 45),
    /// 24 covered under a capitation agreement, 131 claim-specific negotiated discount.
    /// </summary>
    private static readonly HashSet<string> PaymentAdjustments = ["45", "253", "94", "144", "23", "42", "24", "131"];

    /// <summary>Deductible, coinsurance, copay: the payer allowed the line and the patient owes it, so nothing was denied.</summary>
    private static readonly HashSet<string> CostSharing = ["1", "2", "3"];

    private static readonly Dictionary<string, DenialCategory> ByCarc = new(StringComparer.Ordinal)
    {
        // Coding: the codes themselves are wrong, inconsistent or bundled.
        ["4"] = DenialCategory.Coding, ["5"] = DenialCategory.Coding, ["6"] = DenialCategory.Coding, ["7"] = DenialCategory.Coding,
        ["8"] = DenialCategory.Coding, ["9"] = DenialCategory.Coding, ["10"] = DenialCategory.Coding, ["11"] = DenialCategory.Coding,
        ["12"] = DenialCategory.Coding, ["97"] = DenialCategory.Coding, ["B15"] = DenialCategory.Coding, ["146"] = DenialCategory.Coding,
        ["167"] = DenialCategory.Coding, ["181"] = DenialCategory.Coding, ["182"] = DenialCategory.Coding, ["189"] = DenialCategory.Coding,
        ["199"] = DenialCategory.Coding, ["234"] = DenialCategory.Coding, ["236"] = DenialCategory.Coding,
        // Medical necessity: the diagnosis does not support the service.
        ["50"] = DenialCategory.MedicalNecessity, ["55"] = DenialCategory.MedicalNecessity, ["56"] = DenialCategory.MedicalNecessity,
        ["150"] = DenialCategory.MedicalNecessity, ["151"] = DenialCategory.MedicalNecessity, ["152"] = DenialCategory.MedicalNecessity,
        // Authorization and referral.
        ["15"] = DenialCategory.Authorization, ["39"] = DenialCategory.Authorization, ["62"] = DenialCategory.Authorization,
        ["197"] = DenialCategory.Authorization, ["198"] = DenialCategory.Authorization, ["243"] = DenialCategory.Authorization,
        ["288"] = DenialCategory.Authorization,
        // Eligibility and registration.
        ["26"] = DenialCategory.Eligibility, ["27"] = DenialCategory.Eligibility, ["31"] = DenialCategory.Eligibility,
        ["32"] = DenialCategory.Eligibility, ["33"] = DenialCategory.Eligibility, ["140"] = DenialCategory.Eligibility,
        ["177"] = DenialCategory.Eligibility, ["200"] = DenialCategory.Eligibility,
        ["29"] = DenialCategory.TimelyFiling,
        ["22"] = DenialCategory.CoordinationOfBenefits, ["109"] = DenialCategory.CoordinationOfBenefits,
        ["18"] = DenialCategory.Duplicate,
    };

    /// <summary>RARCs that make a CARC 16 ("lacks information") a coding problem: missing or invalid codes.</summary>
    private static readonly HashSet<string> CodingRemarks = ["M76", "M51", "M78", "M81", "M20", "MA63", "MA66"];

    public static bool IsDenialAdjustment(Adjustment adjustment) =>
        DenialGroups.Contains(adjustment.GroupCode) && !PaymentAdjustments.Contains(adjustment.ReasonCode) && adjustment.AmountCents > 0;

    public static DenialCategory Categorize(string reasonCode, IReadOnlyList<string> remarkCodes) =>
        reasonCode == "16"
            ? remarkCodes.Any(CodingRemarks.Contains) ? DenialCategory.Coding : DenialCategory.Other
            : ByCarc.GetValueOrDefault(reasonCode, DenialCategory.Other);

    /// <summary>
    /// Whose fix the category is, per the product's split: coding (codes, medical necessity), front-end (what
    /// registration and scheduling get: eligibility, coordination of benefits, authorization and referral) and billing
    /// (filing, duplicates, everything else). Map 2026.2 moved authorization and COB from billing to the front end.
    /// </summary>
    public static string RootCause(DenialCategory category) => category switch
    {
        DenialCategory.Coding or DenialCategory.MedicalNecessity => Coding,
        DenialCategory.Eligibility or DenialCategory.Authorization or DenialCategory.CoordinationOfBenefits => FrontEnd,
        _ => Billing,
    };

    /// <summary>The denials on one claim payment: each zero-paid line with a denial adjustment, or the claim when status 4 (denied) has none.</summary>
    public static IEnumerable<(LinePayment? Line, Adjustment Adjustment, IReadOnlyList<string> Remarks)> Find(ClaimPayment claim)
    {
        if (claim.StatusCode == "22")
        {
            yield break; // a reversal undoes an earlier posting; its denials, if any, were counted then
        }

        var found = false;
        foreach (var line in claim.Lines.Where(l => l.PaidCents == 0 && !l.Adjustments.Any(a => a.GroupCode == "PR" && CostSharing.Contains(a.ReasonCode) && a.AmountCents > 0)))
        {
            var adjustment = line.Adjustments.Where(IsDenialAdjustment).MaxBy(a => a.AmountCents);
            if (adjustment is not null)
            {
                found = true;
                yield return (line, adjustment, line.RemarkCodes.Concat(claim.RemarkCodes).Distinct().ToArray());
            }
        }

        if (!found && (claim.StatusCode == "4" || (claim.PaidCents == 0 && claim.Lines.Count == 0)))
        {
            var adjustment = claim.AllAdjustments.Where(IsDenialAdjustment).MaxBy(a => a.AmountCents);
            if (adjustment is not null)
            {
                yield return (null, adjustment, claim.RemarkCodes);
            }
        }
    }
}
