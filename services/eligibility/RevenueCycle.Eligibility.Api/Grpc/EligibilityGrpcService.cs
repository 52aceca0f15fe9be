using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Eligibility.Domain.UseCases;

namespace RevenueCycle.Eligibility.Api.Grpc;

/// <summary>The gRPC (and JSON) face of the eligibility use cases: maps, calls, maps back.</summary>
public sealed class EligibilityGrpcService(CoverageUseCases coverages) : EligibilityService.EligibilityServiceBase
{
    public override async Task<Coverage> RegisterCoverage(RegisterCoverageRequest request, ServerCallContext context)
    {
        var registered = await coverages.RegisterAsync(request.IdempotencyKey, request.ToCommand(), context.CancellationToken);
        return registered.ToProto();
    }

    public override async Task<Coverage> GetCoverage(GetCoverageRequest request, ServerCallContext context) =>
        (await coverages.GetAsync(request.CoverageId, context.CancellationToken)).ToProto();

    public override async Task<CheckEligibilityResponse> CheckEligibility(CheckEligibilityRequest request, ServerCallContext context)
    {
        var validator = new Validator();
        var date = request.DateOfService.ToDateOnly(validator, "date_of_service");
        validator.ThrowIfInvalid();
        var snapshot = await coverages.CheckAsync(request.CoverageId, date, request.ProcedureCodes, context.CancellationToken);
        return snapshot.ToProto();
    }

    public override async Task<EstimatePatientCostResponse> EstimatePatientCost(EstimatePatientCostRequest request, ServerCallContext context)
    {
        var validator = new Validator();
        var date = request.DateOfService.ToDateOnly(validator, "date_of_service");
        validator.ThrowIfInvalid();
        var estimate = await coverages.EstimateAsync(request.CoverageId, date, request.AllowedCents, context.CancellationToken);
        return estimate.ToProto();
    }
}
