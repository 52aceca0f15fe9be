using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using Model = RevenueCycle.Eligibility.Domain.Model;

namespace RevenueCycle.Eligibility.Mapping;

/// <summary>Front-end worklist tasks to the contract.</summary>
public static class FrontEndMappings
{
    public static FrontEndTask ToProto(this Model.FrontEndTask t, long version = 0)
    {
        var proto = new FrontEndTask
        {
            TaskId = t.TaskId, ClaimId = t.ClaimId, PayerId = t.PayerId, PayerClaimControlNumber = t.PayerClaimControlNumber, PatientId = t.PatientId,
            CoverageId = t.CoverageId, Status = (FrontEndTaskStatus)t.Status, SnapshotId = t.SnapshotId, KnownThen = t.KnownThen, Guidance = t.Guidance,
            CreatedAt = t.CreatedAt.ToProto(), ResolvedAt = t.ResolvedAt.ToProto(), Resolution = t.Resolution, CorrectedCoverageId = t.CorrectedCoverageId,
            AuthorizationId = t.AuthorizationId, Version = version,
        };
        proto.Denials.AddRange(t.Denials.Select(d =>
        {
            var denial = new FrontEndDenial
            {
                EventId = d.EventId, Source = d.Source, Category = d.Category, GroupCode = d.GroupCode, ReasonCode = d.ReasonCode,
                LineItemControlNumber = d.LineItemControlNumber, ProcedureCode = d.ProcedureCode, DeniedCents = d.DeniedCents, ServiceDate = d.ServiceDate.ToProto(),
            };
            denial.RemarkCodes.AddRange(d.RemarkCodes);
            return denial;
        }));
        return proto;
    }
}
