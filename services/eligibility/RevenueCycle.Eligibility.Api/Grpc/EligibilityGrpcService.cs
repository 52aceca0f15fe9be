using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Eligibility.Mapping;

namespace RevenueCycle.Eligibility.Api.Grpc;

/// <summary>The gRPC (and JSON) face of the eligibility use cases: maps, calls, maps back.</summary>
public sealed class EligibilityGrpcService(
    CoverageUseCases coverages, EligibilityUseCases eligibility, AuthorizationUseCases authorizations, FrontEndUseCases frontEnd, EstimateUseCases estimates,
    GoodFaithEstimateUseCases goodFaith)
    : EligibilityService.EligibilityServiceBase
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
        var v = new Validator();
        if (request.CoverageId.Length > 0)
        {
            v.Require(request.PayerId.Length == 0 && request.Subscriber is null, "payer_id", "must be empty with coverage_id: the registered coverage names the payer and subscriber");
            var date = request.DateOfService.ToDateOnly(v, "date_of_service");
            var dependent = request.Dependent.ToDomain(v);
            v.ThrowIfInvalid();
            var (check, priorAuthorization) = await eligibility.CheckCoverageAsync(
                request.CoverageId, date, [.. request.ServiceTypeCodes], dependent, [.. request.ProcedureCodes], context.CancellationToken);
            return check.ToProto(priorAuthorization);
        }

        var question = request.ToQuestion(v);
        v.ThrowIfInvalid();
        return (await eligibility.CheckAsync(question, context.CancellationToken)).ToProto();
    }

    public override async Task CheckEligibilityBatch(CheckEligibilityBatchRequest request, IServerStreamWriter<CheckEligibilityBatchResult> responseStream, ServerCallContext context)
    {
        var rows = request.Rows.Select(r => r.ToDomain()).ToList();
        await foreach (var result in eligibility.CheckBatchAsync(rows, request.Concurrency, context.CancellationToken))
        {
            await responseStream.WriteAsync(result.ToProto(), context.CancellationToken);
        }
    }

    public override async Task<Contracts.Eligibility.V1.EligibilitySnapshot> GetEligibilitySnapshot(GetEligibilitySnapshotRequest request, ServerCallContext context) =>
        (await eligibility.GetSnapshotAsync(request.SnapshotId, context.CancellationToken)).ToProto();

    public override async Task<CoordinationOfBenefits> GetCoordinationOfBenefits(GetCoordinationOfBenefitsRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var date = request.DateOfService.ToDateOnly(v, "date_of_service");
        var accident = request.Accident switch
        {
            Accident.Unspecified or Accident.None => Domain.Model.AccidentKind.None,
            Accident.Employment => Domain.Model.AccidentKind.Employment,
            Accident.Auto => Domain.Model.AccidentKind.Auto,
            Accident.Other => Domain.Model.AccidentKind.Other,
            _ => Domain.Model.AccidentKind.None,
        };
        v.Require(Enum.IsDefined(request.Accident), "accident", "is not a known value");
        v.ThrowIfInvalid();
        var order = await eligibility.CoordinateAsync(request.PatientId, date, accident, context.CancellationToken);
        var versions = (await coverages.ListForPatientAsync(request.PatientId, context.CancellationToken)).ToDictionary(c => c.Value.CoverageId, c => c.Version);
        return order.ToProto(c => new BuildingBlocks.Storage.Versioned<Domain.Model.Coverage>(c, versions.GetValueOrDefault(c.CoverageId)).ToProto());
    }

    public override async Task<Authorization> CreateAuthorization(CreateAuthorizationRequest request, ServerCallContext context) =>
        (await authorizations.CreateAsync(request.IdempotencyKey, request.ToCommand(), context.CancellationToken)).ToProto();

    public override async Task<Authorization> GetAuthorization(GetAuthorizationRequest request, ServerCallContext context) =>
        (await authorizations.GetAsync(request.AuthorizationId, context.CancellationToken)).ToProto();

    public override async Task<ListAuthorizationsResponse> ListAuthorizations(ListAuthorizationsRequest request, ServerCallContext context)
    {
        var response = new ListAuthorizationsResponse();
        response.Authorizations.AddRange((await authorizations.ListAsync(request.PatientId, context.CancellationToken)).Select(a => a.ToProto()));
        return response;
    }

    public override async Task<CheckAuthorizationResponse> CheckAuthorization(CheckAuthorizationRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var services = request.ToDomain(v);
        v.ThrowIfInvalid();
        return (await authorizations.CheckAsync(request.PayerId, request.PatientId, request.Number, services, request.ClaimId, context.CancellationToken)).ToProto();
    }

    public override async Task<ListFrontEndTasksResponse> ListFrontEndTasks(ListFrontEndTasksRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var status = ((int)request.Status).ToDomainEnum<Domain.Model.FrontEndTaskStatus>(v, "status");
        v.ThrowIfInvalid();
        var page = await frontEnd.ListAsync(status, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListFrontEndTasksResponse { NextPageToken = page.NextPageToken };
        response.Tasks.AddRange(page.Items.Select(t => t.ToProto()));
        return response;
    }

    public override async Task<FrontEndTask> GetFrontEndTask(GetFrontEndTaskRequest request, ServerCallContext context)
    {
        var task = await frontEnd.GetAsync(request.TaskId, context.CancellationToken);
        return task.Value.ToProto(task.Version);
    }

    public override async Task<FrontEndTask> ResolveFrontEndTask(ResolveFrontEndTaskRequest request, ServerCallContext context) =>
        (await frontEnd.ResolveAsync(request.TaskId, request.CoverageId, request.AuthorizationId, request.Note, context.CancellationToken)).ToProto();

    public override async Task<GoodFaithEstimate> CreateGoodFaithEstimate(CreateGoodFaithEstimateRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var command = request.ToCommand(v);
        v.ThrowIfInvalid();
        return (await goodFaith.CreateAsync(request.IdempotencyKey, command, context.CancellationToken)).ToProto();
    }

    public override async Task<GoodFaithEstimate> GetGoodFaithEstimate(GetGoodFaithEstimateRequest request, ServerCallContext context) =>
        (await goodFaith.GetAsync(request.EstimateId, context.CancellationToken)).ToProto();

    public override async Task<EstimatePatientCostResponse> EstimatePatientCost(EstimatePatientCostRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var estimate = request.ToDomain(v);
        v.ThrowIfInvalid();
        return (await estimates.EstimateAsync(estimate, context.CancellationToken)).ToProto();
    }
}
