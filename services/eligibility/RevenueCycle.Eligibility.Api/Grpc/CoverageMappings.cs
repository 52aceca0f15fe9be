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
            (c.Benefits ?? new Proto.Benefits()).ToDomain());
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
            TerminationDate = c.TerminationDate.ToProto(), Benefits = c.Benefits.ToProto(), Version = versioned.Version,
        };
    }

    public static EstimatePatientCostResponse ToProto(this Model.CostEstimate e) => new()
    {
        CopayCents = e.CopayCents, DeductibleCents = e.DeductibleCents, CoinsuranceCents = e.CoinsuranceCents,
        PatientTotalCents = e.PatientTotalCents, PlanPaysCents = e.PlanPaysCents,
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
