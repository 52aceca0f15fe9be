using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Submission.Domain.Ports;

namespace RevenueCycle.Submission.Api.Clients;

/// <summary>Reads coverages and authorizations from the eligibility service over gRPC, with a deadline.</summary>
public sealed class GrpcCoverageDirectory(EligibilityService.EligibilityServiceClient client) : ICoverageDirectory
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<CoverageOnFile> CoverageAsync(string coverageId, CancellationToken cancellationToken)
    {
        var coverage = await client.GetCoverageAsync(new GetCoverageRequest { CoverageId = coverageId }, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        var v = new Validator();
        var subscriber = coverage.Subscriber.ToDomain(v, "coverage.subscriber");
        v.ThrowIfInvalid();
        return new CoverageOnFile(coverage.CoverageId, coverage.Payer.ToDomain()!, subscriber!);
    }

    public async Task<AuthorizationOnFile> AuthorizationAsync(string authorizationId, CancellationToken cancellationToken)
    {
        var authorization = await client.GetAuthorizationAsync(new GetAuthorizationRequest { AuthorizationId = authorizationId }, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        return new AuthorizationOnFile(authorization.Number, authorization.Kind == AuthorizationKind.Referral);
    }
}
