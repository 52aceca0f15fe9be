using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.ServiceDefaults.Grpc;
using Model = RevenueCycle.Coding.Domain.Model;

namespace RevenueCycle.Coding.Api.Grpc;

/// <summary>The gRPC (and JSON) face of the coding use cases.</summary>
public sealed class CodingGrpcService(EncounterUseCases encounters, CorrectionUseCases corrections) : CodingService.CodingServiceBase
{
    public override async Task<Encounter> CreateEncounter(CreateEncounterRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var command = new CreateEncounter(
            request.PatientId, request.DateOfService.ToDateOnly(v, "date_of_service"), request.ProviderNpi, request.Documentation,
            request.PatientAgeYears, ((int)request.PatientSex).ToDomainEnum<BuildingBlocks.Claims.Sex>(v, "patient_sex"), context.Actor(request.Actor));
        v.ThrowIfInvalid();
        return (await encounters.CreateAsync(request.IdempotencyKey, command, context.CancellationToken)).ToProto();
    }

    public override async Task<Encounter> GetEncounter(GetEncounterRequest request, ServerCallContext context) =>
        (await encounters.GetAsync(request.EncounterId, context.CancellationToken)).ToProto();

    public override async Task<Encounter> SetCodes(SetCodesRequest request, ServerCallContext context)
    {
        var updated = await encounters.SetCodesAsync(
            request.EncounterId, request.ExpectedVersion, request.Diagnoses.Select(d => d.ToDomain()).ToArray(),
            request.Procedures.Select(p => p.ToDomain()).ToArray(), context.Actor(request.Actor), context.CancellationToken);
        return updated.ToProto();
    }

    public override async Task<Encounter> FinalizeEncounter(FinalizeEncounterRequest request, ServerCallContext context) =>
        (await encounters.FinalizeAsync(request.EncounterId, request.ExpectedVersion, context.Actor(request.Actor), context.CancellationToken)).ToProto();

    public override Task<ValidateCodesResponse> ValidateCodes(ValidateCodesRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var date = request.DateOfService.ToDateOnly(v, "date_of_service");
        v.ThrowIfInvalid();
        var validation = encounters.Validate(date, request.Diagnoses.Select(d => d.ToDomain()).ToArray(), request.Procedures.Select(p => p.ToDomain()).ToArray());
        var response = new ValidateCodesResponse { Valid = validation.Valid, CodeSetVersion = validation.CodeSetVersion };
        response.Findings.AddRange(validation.Findings.Select(f => f.ToProto()));
        return Task.FromResult(response);
    }

    public override async Task<ListCorrectionTasksResponse> ListCorrectionTasks(ListCorrectionTasksRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var status = ((int)request.Status).ToDomainEnum<Model.CorrectionStatus>(v, "status");
        v.ThrowIfInvalid();
        var page = await corrections.ListAsync(status, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListCorrectionTasksResponse { NextPageToken = page.NextPageToken };
        response.Tasks.AddRange(page.Tasks.Select(t => t.ToProto()));
        return response;
    }

    public override async Task<CorrectionTask> CompleteCorrection(CompleteCorrectionRequest request, ServerCallContext context)
    {
        var completed = await corrections.CompleteAsync(
            request.TaskId, request.IdempotencyKey, request.CorrectedDiagnoses.Select(d => d.ToDomain()).ToArray(),
            request.CorrectedLines.Select(l => l.ToDomain()).ToArray(), context.Actor(request.Actor), context.CancellationToken);
        return completed.ToProto();
    }
}
