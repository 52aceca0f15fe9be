using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using Model = RevenueCycle.Eligibility.Domain.Model;
using UseCases = RevenueCycle.Eligibility.Domain.UseCases;

namespace RevenueCycle.Eligibility.Mapping;

/// <summary>Patient cost estimates between the contract and the domain.</summary>
public static class EstimateMappings
{
    public static UseCases.EstimateRequest ToDomain(this EstimatePatientCostRequest r, Validator v) => new(
        r.CoverageId, r.SnapshotId, r.DateOfService.ToDateOnly(v, "date_of_service"), r.ServiceTypeCode, ((int)r.Network).ToDomainEnum<Model.Network>(v, "network"),
        r.Services.Select(s => new Model.EstimateService(s.ProcedureCode, [.. s.Modifiers], s.Units, s.PlaceOfService, s.HasAllowedCents ? s.AllowedCents : null)).ToList(),
        r.AllowedCents);

    public static EstimatePatientCostResponse ToProto(this Model.PatientEstimate e)
    {
        var response = new EstimatePatientCostResponse
        {
            CopayCents = e.CopayCents, DeductibleCents = e.DeductibleCents, CoinsuranceCents = e.CoinsuranceCents, PatientTotalCents = e.PatientTotalCents,
            PlanPaysCents = e.PlanPaysCents, AllowedCents = e.AllowedCents, TermsCopayCents = e.Terms.CopayCents, TermsCoinsuranceBasisPoints = e.Terms.CoinsuranceBasisPoints,
            TermsDeductibleRemainingCents = e.Terms.DeductibleRemainingCents, TermsSource = e.Terms.Source, SnapshotId = e.SnapshotId,
        };
        if (e.Terms.OutOfPocketRemainingCents is { } oop)
        {
            response.TermsOutOfPocketRemainingCents = oop;
        }

        response.Lines.AddRange(e.Lines.Select(l => new EstimatedLine { ProcedureCode = l.ProcedureCode, Units = l.Units, AllowedCents = l.AllowedCents, Basis = l.Basis }));
        response.Steps.AddRange(e.Steps);
        return response;
    }
}
