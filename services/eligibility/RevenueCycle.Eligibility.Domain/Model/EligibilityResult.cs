namespace RevenueCycle.Eligibility.Domain.Model;

/// <summary>What the payer said about one person on one date of service.</summary>
public enum EligibilityOutcome
{
    Unspecified,

    /// <summary>EB01 1: coverage active (for the service types asked, or the plan).</summary>
    Active,

    /// <summary>EB01 6 (or no active coverage reported): not covered on the date.</summary>
    Inactive,

    /// <summary>AAA: the payer refused the question (member not found, invalid member id, missing date of birth ...).</summary>
    Rejected,

    /// <summary>No usable answer: the payer or clearinghouse did not answer in time, answered AAA 42, or sent a 271 that cannot be read.</summary>
    PayerUnavailable,
}

/// <summary>An AAA the payer answered with: where (source, receiver, subscriber, dependent), the reason and what to do.</summary>
public sealed record EligibilityRejection(string Level, string ReasonCode, string Reason, string FollowUpCode, string FollowUp);

public enum BenefitKind
{
    Unspecified,
    Copay,
    Coinsurance,
    Deductible,
    OutOfPocket,
    Limitation,
}

/// <summary>Whether an amount applies in the plan's network (EB12 Y), out of it (N), or either (W, or not said).</summary>
public enum Network
{
    Unspecified,
    InNetwork,
    OutOfNetwork,
    Both,
}

/// <summary>Whether an amount is the plan's total for the period or what remains of it (EB06 29).</summary>
public enum AmountPeriod
{
    Unspecified,
    Total,
    Remaining,
    PerVisit,
}

/// <summary>
/// One amount of the benefits (EB01 A, B, C, G, F): for these service types, network and coverage level (IND, FAM ...),
/// a total or what remains (calendar or service year), in cents or basis points (2000 = 20%). Lossless: every amount
/// the 271 gave is kept; <see cref="EligibilityResult.Find"/> picks the one a question needs.
/// </summary>
public sealed record BenefitAmount(
    BenefitKind Kind,
    IReadOnlyList<string> ServiceTypes,
    Network Network,
    string CoverageLevel,
    AmountPeriod Period,
    string TimePeriodCode,
    long? Cents,
    int? BasisPoints,
    string Note);

/// <summary>Coverage with another payer the 271 reported (EB01 R, the 2120 loop naming the payer).</summary>
public sealed record OtherCoverage(string PayerName, string PayerId, string InsuranceType, string Priority, DateOnly? From, DateOnly? To, IReadOnlyList<string> Messages);

/// <summary>
/// The benefits one 271 answer gives, in types a front desk reads: outcome, plan, group and coverage dates, the service
/// types active or not, every amount, the service types that need authorization, other coverage, messages.
/// </summary>
public sealed record EligibilityResult(
    EligibilityOutcome Outcome,
    IReadOnlyList<EligibilityRejection> Rejections,
    string PlanName,
    string GroupNumber,
    string CoverageLevel,
    DateOnly? CoverageFrom,
    DateOnly? CoverageTo,
    IReadOnlyList<string> ActiveServiceTypes,
    IReadOnlyList<string> InactiveServiceTypes,
    IReadOnlyList<BenefitAmount> Amounts,
    IReadOnlyList<string> AuthorizationRequired,
    IReadOnlyList<OtherCoverage> OtherCoverage,
    IReadOnlyList<string> Messages)
{
    public static EligibilityResult Unavailable(string reason) =>
        new(EligibilityOutcome.PayerUnavailable, [new EligibilityRejection("", "", reason, "", "")], "", "", "", null, null, [], [], [], [], [], []);

    /// <summary>
    /// The amount of one kind for a service type (falling back to the plan's, service type 30), preferring the network
    /// asked, then amounts that apply to either; the individual level before the family's; null when the 271 gave none.
    /// </summary>
    public BenefitAmount? Find(BenefitKind kind, string serviceType, Network network, AmountPeriod period, string coverageLevel = "IND")
    {
        var candidates = Amounts.Where(a => a.Kind == kind && a.Period == period).ToList();
        foreach (var type in new[] { serviceType, "30", "" }.Distinct())
        {
            foreach (var net in new[] { network, Network.Both, Network.Unspecified })
            {
                var match = candidates.Where(a => a.Network == net && (type.Length == 0 ? a.ServiceTypes.Count == 0 : a.ServiceTypes.Contains(type)))
                    .OrderBy(a => a.CoverageLevel == coverageLevel ? 0 : a.CoverageLevel.Length == 0 ? 1 : 2)
                    .FirstOrDefault();
                if (match is not null)
                {
                    return match;
                }
            }
        }

        return null;
    }
}
