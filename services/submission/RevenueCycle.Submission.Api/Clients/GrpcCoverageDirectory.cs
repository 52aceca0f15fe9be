using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Submission.Domain.Ports;

namespace RevenueCycle.Submission.Api.Clients;

/// <summary>Reads coverages and authorizations from the eligibility service over gRPC, with a deadline.</summary>
public sealed class GrpcCoverageDirectory(EligibilityService.EligibilityServiceClient client) : ICoverageDirectory
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public async Task<CoverageOnFile> CoverageAsync(string coverageId, CancellationToken cancellationToken) =>
        OnFile(await client.GetCoverageAsync(new GetCoverageRequest { CoverageId = coverageId }, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<Domain.Ports.CoordinatedCoverage>?> CoordinationAsync(string patientId, DateOnly dateOfService, CancellationToken cancellationToken)
    {
        var request = new GetCoordinationOfBenefitsRequest { PatientId = patientId, DateOfService = dateOfService.ToProto() };
        CoordinationOfBenefits cob;
        // Eligibility down or slow: the call fails (UNAVAILABLE or DEADLINE_EXCEEDED, retry with the same key) rather
        // than bill payers in an order nobody checked, which the payer would deny for coordination of benefits later.
        try
        {
            cob = await client.GetCoordinationOfBenefitsAsync(request, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        }
        catch (global::Grpc.Core.RpcException e) when (e.StatusCode is global::Grpc.Core.StatusCode.InvalidArgument or global::Grpc.Core.StatusCode.NotFound)
        {
            return null; // a patient id it refuses: the claim goes as submitted, noted
        }

        return cob.Order.OrderBy(o => o.Position).Select(o => new Domain.Ports.CoordinatedCoverage(OnFile(o.Coverage), o.PayerResponsibility, o.Reason)).ToList();
    }

    private static CoverageOnFile OnFile(Contracts.Common.V1.Coverage coverage)
    {
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
