using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using Proto = RevenueCycle.Contracts.Common.V1;
using Model = RevenueCycle.Eligibility.Domain.Model;
using UseCases = RevenueCycle.Eligibility.Domain.UseCases;

namespace RevenueCycle.Eligibility.Mapping;

/// <summary>Good Faith Estimates between the contract and the domain.</summary>
public static class GoodFaithEstimateMappings
{
    public static UseCases.CreateGoodFaithEstimate ToCommand(this CreateGoodFaithEstimateRequest r, Validator v)
    {
        var patient = r.Patient ?? new Proto.Patient();
        return new UseCases.CreateGoodFaithEstimate(
            patient.PatientId, patient.Name?.Last ?? "", patient.Name?.First ?? "", patient.DateOfBirth.ToDateOnly(v, "patient.date_of_birth"), r.PrimaryService,
            r.ScheduledDate.ToDateOnly(v, "scheduled_date"),
            r.Items.Select(i => new UseCases.GfeItemRequest(Provider(i.Provider), i.ServiceCode, i.Description, [.. i.DiagnosisCodes], i.Quantity,
                i.HasExpectedChargeCents ? i.ExpectedChargeCents : null, i.SeparatelyScheduled)).ToList());
    }

    public static GoodFaithEstimate ToProto(this Model.GoodFaithEstimate e)
    {
        var proto = new GoodFaithEstimate
        {
            EstimateId = e.EstimateId,
            Patient = new Proto.Patient { PatientId = e.PatientId, Name = new Proto.PersonName { Last = e.PatientLastName, First = e.PatientFirstName }, DateOfBirth = e.PatientBirthDate.ToProto() },
            PrimaryService = e.PrimaryService, ScheduledDate = e.ScheduledDate.ToProto(), TotalExpectedChargeCents = e.TotalExpectedChargeCents, IssuedAt = e.IssuedAt.ToProto(),
            DueBy = e.DueBy.ToProto(), Timing = e.Timing,
        };
        proto.Items.AddRange(e.Items.Select(i =>
        {
            var item = new GfeItem
            {
                Provider = new GfeProvider { Name = i.Provider.Name, Npi = i.Provider.Npi, TaxId = i.Provider.TaxId, Location = i.Provider.Location },
                ServiceCode = i.ServiceCode, Description = i.Description, Quantity = i.Quantity, ExpectedChargeCents = i.ExpectedChargeCents, ChargeBasis = i.ChargeBasis,
                SeparatelyScheduled = i.SeparatelyScheduled,
            };
            item.DiagnosisCodes.AddRange(i.DiagnosisCodes);
            return item;
        }));
        proto.Disclaimers.AddRange(e.Disclaimers);
        return proto;
    }

    private static Model.GfeProvider Provider(GfeProvider? p) => new(p?.Name ?? "", p?.Npi ?? "", p?.TaxId ?? "", p?.Location ?? "");
}
