using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Submission.Domain.Ports;

/// <summary>A registered coverage as a claim bills it: its payer and subscriber.</summary>
public sealed record CoverageOnFile(string CoverageId, Payer Payer, Subscriber Subscriber);

/// <summary>An authorization as a claim carries it: the payer's number, and whether it is a referral (REF*9F) rather than a prior authorization (REF*G1).</summary>
public sealed record AuthorizationOnFile(string Number, bool Referral);

/// <summary>A coverage in the patient's coordination of benefits: SBR01 (P, S, T ...) and the NAIC or MSP rule that put it there.</summary>
public sealed record CoordinatedCoverage(CoverageOnFile Coverage, string PayerResponsibility, string Reason);

/// <summary>
/// The coverages and authorizations the eligibility service keeps, read when a registrar's fix (front-end-corrected,
/// which carries only their ids) becomes a corrected claim, and the order a new claim bills them in.
/// </summary>
public interface ICoverageDirectory
{
    /// <summary>
    /// The patient's coverages in force on the date of service, primary first; empty when none is registered; null when
    /// eligibility cannot answer now (a claim is not held up for it).
    /// </summary>
    Task<IReadOnlyList<CoordinatedCoverage>?> CoordinationAsync(string patientId, DateOnly dateOfService, CancellationToken cancellationToken);

    Task<CoverageOnFile> CoverageAsync(string coverageId, CancellationToken cancellationToken);

    Task<AuthorizationOnFile> AuthorizationAsync(string authorizationId, CancellationToken cancellationToken);
}
