namespace RevenueCycle.Eligibility.Domain.Model;

public enum AuthorizationKind
{
    Unspecified,

    /// <summary>The payer's prior authorization (precertification) for services: 837 REF*G1.</summary>
    PriorAuthorization,

    /// <summary>A referral to a specialist: 837 REF*9F.</summary>
    Referral,
}

/// <summary>
/// An authorization a payer granted for a patient: its number, the procedure codes (codes or ranges such as
/// 70551-70553) it covers, the units approved and the dates it is valid for, and the units each claim has used
/// (claim id to units, so a replacement claim replaces its own count and a void gives the units back).
/// </summary>
public sealed record Authorization(
    string AuthorizationId,
    AuthorizationKind Kind,
    string Number,
    string PayerId,
    string PatientId,
    string CoverageId,
    IReadOnlyList<string> ProcedureCodes,
    int UnitsApproved,
    DateOnly From,
    DateOnly To,
    IReadOnlyDictionary<string, int> UnitsByClaim,
    DateTimeOffset CreatedAt)
{
    public int UnitsUsed => UnitsByClaim.Values.Sum();

    public int UnitsLeft => Math.Max(0, UnitsApproved - UnitsUsed);

    /// <summary>Whether the authorization names the code (exactly, or within a range of codes of the same length).</summary>
    public bool Covers(string procedureCode)
    {
        var code = procedureCode.Trim().ToUpperInvariant();
        foreach (var entry in ProcedureCodes)
        {
            var dash = entry.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 ? entry == code
                : code.Length == dash && string.CompareOrdinal(code, entry[..dash]) >= 0 && string.CompareOrdinal(code, entry[(dash + 1)..]) <= 0)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What an authorization check found: valid, or why not (not on file, another payer or patient, expired, a code it does not cover, units used up).</summary>
public enum AuthorizationStatus
{
    Unspecified,
    Valid,
    NotFound,
    Expired,
    CodeNotCovered,
    UnitsExhausted,
}

/// <summary>One line to check against an authorization: procedure code, units, date of service.</summary>
public sealed record AuthorizedService(string ProcedureCode, int Units, DateOnly DateOfService);

/// <summary>The answer to an authorization check: the status, the authorization when one was found, and a sentence for the registrar.</summary>
public sealed record AuthorizationCheck(AuthorizationStatus Status, Authorization? Authorization, string Message);
