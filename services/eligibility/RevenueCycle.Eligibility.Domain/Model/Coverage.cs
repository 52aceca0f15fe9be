using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Eligibility.Domain.Model;

public enum CoveragePriority
{
    Unspecified,
    Primary,
    Secondary,
    Tertiary,
}

/// <summary>In-network benefits for the plan year. Money in cents; coinsurance in basis points (2000 = 20%).</summary>
public sealed record Benefits(
    long CopayCents,
    int CoinsuranceBasisPoints,
    long DeductibleCents,
    long DeductibleMetCents,
    long OutOfPocketMaxCents,
    long OutOfPocketMetCents,
    IReadOnlyList<string> PriorAuthorizationCodes)
{
    public long DeductibleRemainingCents => Math.Max(0, DeductibleCents - DeductibleMetCents);

    /// <summary>What the patient can still be charged this year; null when the plan has no out-of-pocket maximum.</summary>
    public long? OutOfPocketRemainingCents => OutOfPocketMaxCents > 0 ? Math.Max(0, OutOfPocketMaxCents - OutOfPocketMetCents) : null;
}

/// <summary>A patient's coverage with one payer; <see cref="Cob"/> holds what coordination of benefits needs.</summary>
public sealed record Coverage(
    string CoverageId,
    string PatientId,
    Payer Payer,
    Subscriber Subscriber,
    CoveragePriority Priority,
    string PlanName,
    DateOnly EffectiveDate,
    DateOnly? TerminationDate,
    Benefits Benefits)
{
    public CobProfile Cob { get; init; } = CobProfile.Unspecified;
}

public enum CoverageStatus
{
    Unspecified,
    Active,
    Inactive,
}
