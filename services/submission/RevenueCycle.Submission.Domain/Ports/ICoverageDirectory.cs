using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Submission.Domain.Ports;

/// <summary>A registered coverage as a claim bills it: its payer and subscriber.</summary>
public sealed record CoverageOnFile(string CoverageId, Payer Payer, Subscriber Subscriber);

/// <summary>An authorization as a claim carries it: the payer's number, and whether it is a referral (REF*9F) rather than a prior authorization (REF*G1).</summary>
public sealed record AuthorizationOnFile(string Number, bool Referral);

/// <summary>
/// The coverages and authorizations the eligibility service keeps, read when a registrar's fix (front-end-corrected,
/// which carries only their ids) becomes a corrected claim.
/// </summary>
public interface ICoverageDirectory
{
    Task<CoverageOnFile> CoverageAsync(string coverageId, CancellationToken cancellationToken);

    Task<AuthorizationOnFile> AuthorizationAsync(string authorizationId, CancellationToken cancellationToken);
}
