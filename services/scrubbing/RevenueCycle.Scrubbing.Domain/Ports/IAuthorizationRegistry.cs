namespace RevenueCycle.Scrubbing.Domain.Ports;

/// <summary>What the registry found for a claim's authorization number.</summary>
public enum AuthorizationVerdict
{
    Valid,
    NotFound,
    Expired,
    CodeNotCovered,
    UnitsExhausted,
}

/// <summary>The verdict, and the registry's explanation (dates, codes, units).</summary>
public sealed record AuthorizationAnswer(AuthorizationVerdict Verdict, string Detail);

/// <summary>One service of the claim that needs the authorization: code, units, date.</summary>
public sealed record AuthorizationService(string ProcedureCode, int Units, DateOnly DateOfService);

/// <summary>
/// The authorizations payers granted (the eligibility service keeps them): whether a claim's authorization number is on
/// file for its payer and patient, in force on the dates, names the codes and has units left. A registry that cannot be
/// asked throws; the scrubber then says the number could not be verified rather than refusing the claim.
/// </summary>
public interface IAuthorizationRegistry
{
    Task<AuthorizationAnswer> CheckAsync(string payerId, string patientId, string number, IReadOnlyList<AuthorizationService> services, string claimId, CancellationToken cancellationToken);
}
