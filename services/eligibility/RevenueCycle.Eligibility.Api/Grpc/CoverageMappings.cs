using Model = RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Eligibility.Domain.UseCases;
using Proto = RevenueCycle.Contracts.Common.V1;

namespace RevenueCycle.Eligibility.Api.Grpc;

/// <summary>Coverage registration and estimates between the contract and the domain (answers: RevenueCycle.Eligibility.Mapping).</summary>
public static class CoverageMappings
{
    public static RegisterCoverage ToCommand(this RegisterCoverageRequest request)
    {
        var v = new Validator();
        var c = request.Coverage;
        if (c is null)
        {
            v.Add("coverage", "is required").ThrowIfInvalid();
        }

        v.Require(string.IsNullOrEmpty(c!.CoverageId), "coverage.coverage_id", "is assigned by the service and must be empty");
        var command = new RegisterCoverage(
            c.PatientId,
            c.Payer.ToDomain(),
            c.Subscriber.ToDomain(v, "coverage.subscriber"),
            ((int)c.Priority).ToDomainEnum<Model.CoveragePriority>(v, "coverage.priority"),
            c.PlanName,
            c.EffectiveDate.ToDateOnly(v, "coverage.effective_date"),
            c.TerminationDate.ToDateOnly(v, "coverage.termination_date"),
            (c.Benefits ?? new Proto.Benefits()).ToDomain(),
            c.Cob?.ToDomain(v));
        v.ThrowIfInvalid();
        return command;
    }

    public static Proto.Coverage ToProto(this Versioned<Model.Coverage> versioned)
    {
        var c = versioned.Value;
        return new Proto.Coverage
        {
            CoverageId = c.CoverageId, PatientId = c.PatientId, Payer = c.Payer.ToProto(), Subscriber = c.Subscriber.ToProto(),
            Priority = (Proto.CoveragePriority)c.Priority, PlanName = c.PlanName, EffectiveDate = c.EffectiveDate.ToProto(),
            TerminationDate = c.TerminationDate.ToProto(), Benefits = c.Benefits.ToProto(), Version = versioned.Version, Cob = c.Cob.ToProto(),
        };
    }

    public static Contracts.Eligibility.V1.CoordinationOfBenefits ToProto(this Model.CobOrder order, Func<Model.Coverage, Proto.Coverage> coverage)
    {
        var proto = new Contracts.Eligibility.V1.CoordinationOfBenefits();
        proto.Order.AddRange(order.Order.Select(o => new Contracts.Eligibility.V1.CoordinatedCoverage
        {
            Coverage = coverage(o.Coverage), Position = o.Position, PayerResponsibility = o.PayerResponsibility, Reason = o.Reason,
        }));
        proto.Excluded.AddRange(order.Excluded.Select(e => new Contracts.Eligibility.V1.ExcludedCoverage { Coverage = coverage(e.Coverage), Reason = e.Reason }));
        proto.Findings.AddRange(order.Findings);
        return proto;
    }

    private static Model.CobProfile ToDomain(this Proto.CobProfile p, Validator v) => new(
        ((int)p.Kind).ToDomainEnum<Model.CoverageKind>(v, "coverage.cob.kind"),
        ((int)p.Employment).ToDomainEnum<Model.EmploymentBasis>(v, "coverage.cob.employment"),
        p.EmployerSize,
        p.NoCobProvision,
        ((int)p.MedicareBasis).ToDomainEnum<Model.MedicareBasis>(v, "coverage.cob.medicare_basis"),
        p.EsrdCoordinationStart.ToDateOnly(v, "coverage.cob.esrd_coordination_start"),
        ((int)p.Custody).ToDomainEnum<Model.ParentCustody>(v, "coverage.cob.custody"));

    private static Proto.CobProfile ToProto(this Model.CobProfile p) => new()
    {
        Kind = (Proto.CoverageKind)p.Kind, Employment = (Proto.EmploymentBasis)p.Employment, EmployerSize = p.EmployerSize, NoCobProvision = p.NoCobProvision,
        MedicareBasis = (Proto.MedicareBasis)p.Medicare, EsrdCoordinationStart = p.EsrdCoordinationStart.ToProto(), Custody = (Proto.ParentCustody)p.Custody,
    };

    private static Model.Benefits ToDomain(this Proto.Benefits b) => new(
        b.CopayCents, b.CoinsuranceBasisPoints, b.DeductibleCents, b.DeductibleMetCents, b.OutOfPocketMaxCents, b.OutOfPocketMetCents,
        b.PriorAuthorizationCodes.ToArray());

    private static Proto.Benefits ToProto(this Model.Benefits b)
    {
        var benefits = new Proto.Benefits
        {
            CopayCents = b.CopayCents, CoinsuranceBasisPoints = b.CoinsuranceBasisPoints, DeductibleCents = b.DeductibleCents,
            DeductibleMetCents = b.DeductibleMetCents, OutOfPocketMaxCents = b.OutOfPocketMaxCents, OutOfPocketMetCents = b.OutOfPocketMetCents,
        };
        benefits.PriorAuthorizationCodes.AddRange(b.PriorAuthorizationCodes);
        return benefits;
    }
}
