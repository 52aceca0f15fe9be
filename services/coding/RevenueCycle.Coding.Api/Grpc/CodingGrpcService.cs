using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Edits;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ServiceDefaults.Grpc;
using RevenueCycle.ServiceDefaults.ReferenceData;
using Claims = RevenueCycle.BuildingBlocks.Claims;
using Model = RevenueCycle.Coding.Domain.Model;

namespace RevenueCycle.Coding.Api.Grpc;

/// <summary>The gRPC (and JSON) face of the coding use cases.</summary>
public sealed class CodingGrpcService(
    EncounterUseCases encounters,
    CorrectionUseCases corrections,
    ProviderQueryUseCases queries,
    SuggestionUseCases suggestions,
    ReferenceDataCatalog codeSets,
    ReferenceDataWatcher watcher) : CodingService.CodingServiceBase
{
    public override async Task<Encounter> CreateEncounter(CreateEncounterRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var command = new CreateEncounter(
            request.PatientId, request.DateOfService.ToDateOnly(v, "date_of_service"), request.ProviderNpi, request.Documentation,
            request.HasPatientAgeYears ? request.PatientAgeYears : null, ((int)request.PatientSex).ToDomainEnum<Claims.Sex>(v, "patient_sex"),
            request.PayerId, context.Actor(request.Actor));
        v.ThrowIfInvalid();
        return (await encounters.CreateAsync(request.IdempotencyKey, command, context.CancellationToken)).ToProto();
    }

    public override async Task<Encounter> GetEncounter(GetEncounterRequest request, ServerCallContext context)
    {
        var encounter = await encounters.GetAsync(request.EncounterId, context.CancellationToken);
        var response = encounter.ToProto();
        response.Documentation = encounter.Value.Documentation; // the coder reads it here; the read is audited
        return response;
    }

    public override async Task<Encounter> SetCodes(SetCodesRequest request, ServerCallContext context)
    {
        var updated = await encounters.SetCodesAsync(
            request.EncounterId, request.ExpectedVersion, request.Diagnoses.Select(d => d.ToDomain()).ToArray(),
            request.Procedures.Select(p => p.ToDomain()).ToArray(), context.Actor(request.Actor), context.CancellationToken);
        return updated.ToProto();
    }

    public override async Task<Encounter> FinalizeEncounter(FinalizeEncounterRequest request, ServerCallContext context) =>
        (await encounters.FinalizeAsync(request.EncounterId, request.ExpectedVersion, context.Actor(request.Actor), context.CancellationToken)).ToProto();

    public override async Task<ValidateCodesResponse> ValidateCodes(ValidateCodesRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var date = request.DateOfService.ToDateOnly(v, "date_of_service");
        var patient = new PatientContext(request.HasPatientAgeYears ? request.PatientAgeYears : null, ((int)request.PatientSex).ToDomainEnum<Claims.Sex>(v, "patient_sex"));
        v.ThrowIfInvalid();
        var validation = await encounters.ValidateAsync(date, patient, request.PayerId, request.Diagnoses.Select(d => d.ToDomain()).ToArray(),
            request.Procedures.Select(p => p.ToDomain()).ToArray(), context.CancellationToken);
        var response = new ValidateCodesResponse { Valid = validation.Valid, CodeSetVersion = validation.CodeSetVersion };
        response.Findings.AddRange(validation.Findings.Select(f => f.ToProto()));
        return response;
    }

    public override async Task<ListCorrectionTasksResponse> ListCorrectionTasks(ListCorrectionTasksRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var status = ((int)request.Status).ToDomainEnum<Model.CorrectionStatus>(v, "status");
        v.ThrowIfInvalid();
        var page = await corrections.ListAsync(status, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListCorrectionTasksResponse { NextPageToken = page.NextPageToken };
        response.Tasks.AddRange(page.Items.Select(t => t.ToProto()));
        return response;
    }

    public override async Task<CorrectionTask> CompleteCorrection(CompleteCorrectionRequest request, ServerCallContext context)
    {
        var completed = await corrections.CompleteAsync(
            request.TaskId, request.IdempotencyKey, request.CorrectedDiagnoses.Select(d => d.ToDomain()).ToArray(),
            request.CorrectedLines.Select(l => l.ToDomain()).ToArray(), context.Actor(request.Actor), context.CancellationToken);
        return completed.ToProto();
    }

    public override async Task<SuggestCodesResponse> SuggestCodes(SuggestCodesRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var date = request.DateOfService.ToDateOnly(v, "date_of_service");
        v.ThrowIfInvalid();
        var result = await suggestions.SuggestAsync(request.Documentation, request.EncounterId, request.Inpatient, request.MaxResults, request.IncludeHcpcs, date, context.CancellationToken);
        var response = new SuggestCodesResponse { CodeSetVersion = result.CodeSetVersion };
        response.Suggestions.AddRange(result.Suggestions.Select(s => s.ToProto()));
        return response;
    }

    public override async Task<ListWorkQueueResponse> ListWorkQueue(ListWorkQueueRequest request, ServerCallContext context)
    {
        var page = await encounters.WorkQueueAsync(request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListWorkQueueResponse { NextPageToken = page.NextPageToken };
        response.Encounters.AddRange(page.Items.Select(e => e.ToProto()));
        return response;
    }

    public override async Task<ProviderQuery> AskProviderQuery(AskProviderQueryRequest request, ServerCallContext context) =>
        (await queries.AskAsync(request.EncounterId, request.IdempotencyKey, request.Question, context.Actor(request.Actor), context.CancellationToken)).ToProto();

    public override async Task<ProviderQuery> AnswerProviderQuery(AnswerProviderQueryRequest request, ServerCallContext context) =>
        (await queries.AnswerAsync(request.QueryId, request.Answer, context.Actor(request.Actor), context.CancellationToken)).ToProto();

    public override async Task<ListProviderQueriesResponse> ListProviderQueries(ListProviderQueriesRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var status = ((int)request.Status).ToDomainEnum<Model.QueryStatus>(v, "status");
        v.ThrowIfInvalid();
        var page = await queries.ListAsync(request.EncounterId, status, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListProviderQueriesResponse { NextPageToken = page.NextPageToken };
        response.Queries.AddRange(page.Items.Select(q => q.ToProto()));
        return response;
    }

    public override Task<ListCodeSetsResponse> ListCodeSets(ListCodeSetsRequest request, ServerCallContext context) =>
        Task.FromResult(codeSets.Current.ToProto(watcher.LastError));

    public override Task<ListCodeSetsResponse> ReloadCodeSets(ReloadCodeSetsRequest request, ServerCallContext context)
    {
        try
        {
            return Task.FromResult(watcher.Reload().ToProto(""));
        }
        catch (ReferenceDataException e)
        {
            throw new PreconditionFailedException($"The reference release was refused and the editions in force stay: {e.Message}");
        }
    }
}
