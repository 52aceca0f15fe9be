using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.ReferenceData.Catalog;
using Model = RevenueCycle.Coding.Domain.Model;
using Proto = RevenueCycle.Contracts.Common.V1;

namespace RevenueCycle.Coding.Api.Grpc;

public static class CodingMappings
{
    public static Model.CodedProcedure ToDomain(this CodedProcedure p) => new(p.Code, p.Modifiers.ToArray(), p.Units, p.DiagnosisPointers.ToArray());

    public static Model.CorrectedLine ToDomain(this CorrectedLine l) =>
        new(l.LineItemControlNumber, l.ProcedureCode, l.Modifiers.ToArray(), l.Units, l.DiagnosisPointers.ToArray());

    public static Encounter ToProto(this Versioned<Model.Encounter> versioned)
    {
        var e = versioned.Value;
        var encounter = new Encounter
        {
            EncounterId = e.EncounterId, PatientId = e.PatientId, DateOfService = e.DateOfService.ToProto(), ProviderNpi = e.ProviderNpi,
            Status = (EncounterStatus)e.Status, Version = versioned.Version, PatientSex = (Proto.Sex)e.PatientSex, PayerId = e.PayerId,
        };
        if (e.PatientAgeYears is { } age)
        {
            encounter.PatientAgeYears = age;
        }

        encounter.Diagnoses.AddRange(e.Diagnoses.Select(d => d.ToProto()));
        encounter.Procedures.AddRange(e.Procedures.Select(p => p.ToProto()));
        encounter.Findings.AddRange(e.Findings.Select(f => f.ToProto()));
        encounter.Audit.AddRange(e.Audit.Select(a => new AuditEntry { Actor = a.Actor, Action = a.Action, At = a.At.ToProto(), Version = a.Version }));
        return encounter;
    }

    public static CorrectionTask ToProto(this Model.CorrectionTask t)
    {
        var task = new CorrectionTask
        {
            TaskId = t.TaskId, ClaimId = t.ClaimId, PayerClaimControlNumber = t.PayerClaimControlNumber, PayerId = t.PayerId,
            LineItemControlNumber = t.LineItemControlNumber, ProcedureCode = t.ProcedureCode, GroupCode = t.GroupCode,
            ReasonCode = t.ReasonCode, DeniedCents = t.DeniedCents, Status = (CorrectionStatus)t.Status, CreatedAt = t.CreatedAt.ToProto(),
            SourceEventId = t.SourceEventId, CompletedBy = t.CompletedBy, CompletedAt = t.CompletedAt.ToProto(), Resolution = t.Resolution,
            ServiceDate = t.ServiceDate.ToProto(),
        };
        task.Modifiers.AddRange(t.Modifiers);
        task.RemarkCodes.AddRange(t.RemarkCodes);
        task.CorrectedDiagnoses.AddRange(t.CorrectedDiagnoses.Select(d => d.ToProto()));
        task.CorrectedLines.AddRange(t.CorrectedLines.Select(l => l.ToProto()));
        return task;
    }

    public static CodeSuggestion ToProto(this RevenueCycle.Coding.Suggestion.CodeSuggestion s)
    {
        var suggestion = new CodeSuggestion { Code = s.Code, System = s.System, Description = s.Description, Score = s.Score, Basis = s.Basis };
        suggestion.Evidence.AddRange(s.Evidence.Select(e => new EvidenceSpan { Start = e.Start, Length = e.Length }));
        return suggestion;
    }

    public static ProviderQuery ToProto(this Model.ProviderQuery q) => new()
    {
        QueryId = q.QueryId, EncounterId = q.EncounterId, ProviderNpi = q.ProviderNpi, Question = q.Question, Status = (QueryStatus)q.Status,
        Answer = q.Answer, AskedBy = q.AskedBy, AskedAt = q.AskedAt.ToProto(), AnsweredBy = q.AnsweredBy, AnsweredAt = q.AnsweredAt.ToProto(),
    };

    public static ListCodeSetsResponse ToProto(this ReferenceDataSet set, string lastError)
    {
        var response = new ListCodeSetsResponse { Source = set.Source, LoadedAt = set.LoadedAt.ToProto(), LastError = lastError };
        response.Editions.AddRange(set.Editions.Select(e => new CodeSetEdition
        {
            Kind = e.Kind, Version = e.Version, EffectiveFrom = e.EffectiveFrom == DateOnly.MinValue ? null : e.EffectiveFrom.ToProto(),
            EffectiveTo = e.EffectiveTo.ToProto(), Count = e.Count,
        }));
        return response;
    }

    private static CodedProcedure ToProto(this Model.CodedProcedure p)
    {
        var procedure = new CodedProcedure { Code = p.Code, Units = p.Units };
        procedure.Modifiers.AddRange(p.Modifiers);
        procedure.DiagnosisPointers.AddRange(p.DiagnosisPointers);
        return procedure;
    }

    private static CorrectedLine ToProto(this Model.CorrectedLine l)
    {
        var line = new CorrectedLine { LineItemControlNumber = l.LineItemControlNumber, ProcedureCode = l.ProcedureCode, Units = l.Units };
        line.Modifiers.AddRange(l.Modifiers);
        line.DiagnosisPointers.AddRange(l.DiagnosisPointers);
        return line;
    }
}
