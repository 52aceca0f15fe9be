using Google.Protobuf.WellKnownTypes;
using RevenueCycle.BuildingBlocks.Errors;
using Domain = RevenueCycle.BuildingBlocks.Claims;
using Proto = RevenueCycle.Contracts.Common.V1;
using ProtoDate = Google.Type.Date;

namespace RevenueCycle.Contracts.Mapping;

/// <summary>
/// Maps the shared contract types to the shared domain types and back. Proto-to-domain mapping checks what
/// the wire format cannot (real calendar dates, enum values) and names the offending field with its proto path.
/// </summary>
public static class CommonMappings
{
    public static DateOnly? ToDateOnly(this ProtoDate? date, Validator validator, string field)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            return null;
        }

        if (date.Year is < 1900 or > 2200 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            // The value is not echoed: it may be a date of birth, and error messages reach logs.
            validator.Add(field, "is not a calendar date");
            return null;
        }

        return new DateOnly(date.Year, date.Month, date.Day);
    }

    public static ProtoDate? ToProto(this DateOnly? date) => date is { } d ? new ProtoDate { Year = d.Year, Month = d.Month, Day = d.Day } : null;

    public static ProtoDate ToProto(this DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    public static Timestamp ToProto(this DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);

    public static Timestamp? ToProto(this DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    public static TEnum ToDomainEnum<TEnum>(this int value, Validator validator, string field) where TEnum : struct, System.Enum
    {
        if (System.Enum.IsDefined(typeof(TEnum), value))
        {
            return (TEnum)(object)value;
        }

        validator.Add(field, $"has unknown value {value}");
        return default;
    }

    public static Domain.Address ToDomain(this Proto.Address? a) =>
        a is null ? Domain.Address.Empty : new(a.Line1, a.Line2, a.City, a.State, a.PostalCode, a.Country);

    public static Proto.Address ToProto(this Domain.Address a) =>
        new() { Line1 = a.Line1, Line2 = a.Line2, City = a.City, State = a.State, PostalCode = a.PostalCode, Country = a.Country };

    public static Domain.PersonName ToDomain(this Proto.PersonName? n) =>
        n is null ? Domain.PersonName.Empty : new(n.Last, n.First, n.Middle, n.Suffix);

    public static Proto.PersonName ToProto(this Domain.PersonName n) =>
        new() { Last = n.Last, First = n.First, Middle = n.Middle, Suffix = n.Suffix };

    public static Domain.Patient? ToDomain(this Proto.Patient? p, Validator v, string field) => p is null ? null : new(
        p.PatientId, p.MedicalRecordNumber, p.Name.ToDomain(), p.DateOfBirth.ToDateOnly(v, $"{field}.date_of_birth"),
        ((int)p.Sex).ToDomainEnum<Domain.Sex>(v, $"{field}.sex"), p.Address.ToDomain(), p.AccountId);

    public static Proto.Patient ToProto(this Domain.Patient p) => new()
    {
        PatientId = p.PatientId, MedicalRecordNumber = p.MedicalRecordNumber, Name = p.Name.ToProto(),
        DateOfBirth = p.DateOfBirth.ToProto(), Sex = (Proto.Sex)p.Sex, Address = p.Address.ToProto(), AccountId = p.AccountId,
    };

    public static Domain.Subscriber? ToDomain(this Proto.Subscriber? s, Validator v, string field) => s is null ? null : new(
        s.MemberId, s.GroupNumber, s.Name.ToDomain(), s.DateOfBirth.ToDateOnly(v, $"{field}.date_of_birth"),
        ((int)s.Sex).ToDomainEnum<Domain.Sex>(v, $"{field}.sex"), s.Address.ToDomain(),
        ((int)s.RelationshipToPatient).ToDomainEnum<Domain.Relationship>(v, $"{field}.relationship_to_patient"));

    public static Proto.Subscriber ToProto(this Domain.Subscriber s) => new()
    {
        MemberId = s.MemberId, GroupNumber = s.GroupNumber, Name = s.Name.ToProto(), DateOfBirth = s.DateOfBirth.ToProto(),
        Sex = (Proto.Sex)s.Sex, Address = s.Address.ToProto(), RelationshipToPatient = (Proto.Relationship)s.RelationshipToPatient,
    };

    public static Domain.Payer? ToDomain(this Proto.Payer? p) => p is null ? null : new(p.PayerId, p.Name, p.ClaimFilingIndicator, p.Address.ToDomain());

    public static Proto.Payer ToProto(this Domain.Payer p) =>
        new() { PayerId = p.PayerId, Name = p.Name, ClaimFilingIndicator = p.ClaimFilingIndicator, Address = p.Address.ToProto() };

    public static Domain.Provider? ToDomain(this Proto.Provider? p, Validator v, string field) => p is null ? null : new(
        p.Npi, p.TaxonomyCode, p.TaxId, ((int)p.EntityType).ToDomainEnum<Domain.EntityType>(v, $"{field}.entity_type"),
        p.OrganizationName, p.Name.ToDomain(), p.Address.ToDomain());

    public static Proto.Provider ToProto(this Domain.Provider p) => new()
    {
        Npi = p.Npi, TaxonomyCode = p.TaxonomyCode, TaxId = p.TaxId, EntityType = (Proto.EntityType)p.EntityType,
        OrganizationName = p.OrganizationName, Name = p.Name.ToProto(), Address = p.Address.ToProto(),
    };

    public static Domain.Diagnosis ToDomain(this Proto.Diagnosis d) => new(d.Code, d.PresentOnAdmission);

    public static Proto.Diagnosis ToProto(this Domain.Diagnosis d) => new() { Code = d.Code, PresentOnAdmission = d.PresentOnAdmission };

    /// <summary>Maps a claim; every field problem is collected under <paramref name="field"/> (e.g. <c>claim</c>).</summary>
    public static Domain.Claim ToDomain(this Proto.Claim c, Validator v, string field)
    {
        var lines = c.Lines.Select((l, i) => l.ToDomain(v, $"{field}.lines[{i}]")).ToArray();
        return new Domain.Claim(
            c.ClaimId,
            ((int)c.Type).ToDomainEnum<Domain.ClaimType>(v, $"{field}.type"),
            c.PatientControlNumber,
            ((int)c.Frequency).ToDomainEnum<Domain.ClaimFrequency>(v, $"{field}.frequency"),
            c.PayerClaimControlNumber,
            c.PriorAuthorizationNumber,
            c.ReferralNumber,
            c.BillingProvider.ToDomain(v, $"{field}.billing_provider"),
            c.RenderingProvider.ToDomain(v, $"{field}.rendering_provider"),
            c.ReferringProvider.ToDomain(v, $"{field}.referring_provider"),
            c.Patient.ToDomain(v, $"{field}.patient"),
            c.Subscriber.ToDomain(v, $"{field}.subscriber"),
            c.Payer.ToDomain(),
            c.CoverageId,
            c.PlaceOfService,
            c.Diagnoses.Select(d => d.ToDomain()).ToArray(),
            lines,
            c.TotalChargeCents,
            c.Institutional is null ? null : c.Institutional.ToDomain(v, $"{field}.institutional"),
            c.EncounterId,
            c.OtherPayers.Count == 0 ? null : c.OtherPayers.Select((o, i) => o.ToDomain(v, $"{field}.other_payers[{i}]")).ToArray(),
            c.SecondaryPayer.ToDomain(),
            c.SecondarySubscriber.ToDomain(v, $"{field}.secondary_subscriber"));
    }

    private static Domain.OtherPayer ToDomain(this Proto.OtherPayer o, Validator v, string field) => new(
        o.Payer.ToDomain() ?? new Domain.Payer("", "", "", Domain.Address.Empty),
        o.Subscriber.ToDomain(v, $"{field}.subscriber") ?? new Domain.Subscriber("", "", Domain.PersonName.Empty, null, Domain.Sex.Unspecified, Domain.Address.Empty, Domain.Relationship.Unspecified),
        o.PayerClaimControlNumber, o.PaidCents, o.ClaimAdjustments.Select(a => a.ToDomain()).ToArray(), o.AdjudicatedOn.ToDateOnly(v, $"{field}.adjudicated_on"),
        o.Lines.Select((l, i) => new Domain.OtherPayerLine(l.LineNumber, l.ProcedureCode, l.Modifiers.ToArray(), l.PaidCents, l.PaidUnits,
            l.Adjustments.Select(a => a.ToDomain()).ToArray(), l.AdjudicatedOn.ToDateOnly(v, $"{field}.lines[{i}].adjudicated_on"))).ToArray());

    private static Domain.PayerAdjustment ToDomain(this Proto.PayerAdjustment a) => new(a.GroupCode, a.ReasonCode, a.AmountCents, (decimal)a.Quantity);

    private static Proto.PayerAdjustment ToProto(this Domain.PayerAdjustment a) => new()
    {
        GroupCode = a.GroupCode, ReasonCode = a.ReasonCode, AmountCents = a.AmountCents, Quantity = (double)a.Quantity,
    };

    private static Proto.OtherPayer ToProto(this Domain.OtherPayer o)
    {
        var other = new Proto.OtherPayer
        {
            Payer = o.Payer.ToProto(), Subscriber = o.Subscriber.ToProto(), PayerClaimControlNumber = o.PayerClaimControlNumber, PaidCents = o.PaidCents,
            AdjudicatedOn = o.AdjudicatedOn.ToProto(),
        };
        other.ClaimAdjustments.AddRange(o.ClaimAdjustments.Select(a => a.ToProto()));
        other.Lines.AddRange(o.Lines.Select(l =>
        {
            var line = new Proto.OtherPayerLine { LineNumber = l.LineNumber, ProcedureCode = l.ProcedureCode, PaidCents = l.PaidCents, PaidUnits = l.PaidUnits, AdjudicatedOn = l.AdjudicatedOn.ToProto() };
            line.Modifiers.AddRange(l.Modifiers);
            line.Adjustments.AddRange(l.Adjustments.Select(a => a.ToProto()));
            return line;
        }));
        return other;
    }

    public static Proto.Claim ToProto(this Domain.Claim c)
    {
        var claim = new Proto.Claim
        {
            ClaimId = c.ClaimId, Type = (Proto.ClaimType)c.Type, PatientControlNumber = c.PatientControlNumber,
            Frequency = (Proto.ClaimFrequency)c.Frequency, PayerClaimControlNumber = c.PayerClaimControlNumber,
            PriorAuthorizationNumber = c.PriorAuthorizationNumber, ReferralNumber = c.ReferralNumber,
            BillingProvider = c.BillingProvider?.ToProto(), RenderingProvider = c.RenderingProvider?.ToProto(),
            ReferringProvider = c.ReferringProvider?.ToProto(), Patient = c.Patient?.ToProto(), Subscriber = c.Subscriber?.ToProto(),
            Payer = c.Payer?.ToProto(), CoverageId = c.CoverageId, PlaceOfService = c.PlaceOfService,
            TotalChargeCents = c.TotalChargeCents, Institutional = c.Institutional?.ToProto(), EncounterId = c.EncounterId,
            SecondaryPayer = c.SecondaryPayer?.ToProto(), SecondarySubscriber = c.SecondarySubscriber?.ToProto(),
        };
        claim.Diagnoses.AddRange(c.Diagnoses.Select(d => d.ToProto()));
        claim.Lines.AddRange(c.Lines.Select(l => l.ToProto()));
        claim.OtherPayers.AddRange(c.PriorPayers.Select(o => o.ToProto()));
        return claim;
    }

    private static Domain.ServiceLine ToDomain(this Proto.ServiceLine l, Validator v, string field) => new(
        l.LineNumber, l.ProcedureCode, l.Modifiers.ToArray(), l.Units, l.ChargeCents, l.PlaceOfService,
        l.DiagnosisPointers.ToArray(), l.LineItemControlNumber,
        l.ServiceDateFrom.ToDateOnly(v, $"{field}.service_date_from"), l.ServiceDateTo.ToDateOnly(v, $"{field}.service_date_to"),
        l.RenderingProvider.ToDomain(v, $"{field}.rendering_provider"),
        l.Drug is null ? null : new Domain.DrugIdentification(l.Drug.Ndc, l.Drug.Unit, l.Drug.QuantityThousandths),
        l.RevenueCode);

    private static Proto.ServiceLine ToProto(this Domain.ServiceLine l)
    {
        var line = new Proto.ServiceLine
        {
            LineNumber = l.LineNumber, ProcedureCode = l.ProcedureCode, Units = l.Units, ChargeCents = l.ChargeCents,
            PlaceOfService = l.PlaceOfService, LineItemControlNumber = l.LineItemControlNumber,
            ServiceDateFrom = l.ServiceDateFrom.ToProto(), ServiceDateTo = l.ServiceDateTo.ToProto(),
            RenderingProvider = l.RenderingProvider?.ToProto(), RevenueCode = l.RevenueCode,
            Drug = l.Drug is null ? null : new Proto.DrugIdentification { Ndc = l.Drug.Ndc, Unit = l.Drug.Unit, QuantityThousandths = l.Drug.QuantityThousandths },
        };
        line.Modifiers.AddRange(l.Modifiers);
        line.DiagnosisPointers.AddRange(l.DiagnosisPointers);
        return line;
    }

    private static Domain.InstitutionalInfo ToDomain(this Proto.InstitutionalInfo i, Validator v, string field) => new(
        i.TypeOfBill, i.AdmissionDate.ToDateOnly(v, $"{field}.admission_date"), i.AdmissionHour, i.AdmissionType, i.AdmissionSource,
        i.DischargeDate.ToDateOnly(v, $"{field}.discharge_date"), i.DischargeHour, i.PatientStatus,
        i.AttendingProvider.ToDomain(v, $"{field}.attending_provider"), i.AdmittingDiagnosis);

    private static Proto.InstitutionalInfo ToProto(this Domain.InstitutionalInfo i) => new()
    {
        TypeOfBill = i.TypeOfBill, AdmissionDate = i.AdmissionDate.ToProto(), AdmissionHour = i.AdmissionHour,
        AdmissionType = i.AdmissionType, AdmissionSource = i.AdmissionSource, DischargeDate = i.DischargeDate.ToProto(),
        DischargeHour = i.DischargeHour, PatientStatus = i.PatientStatus, AttendingProvider = i.AttendingProvider?.ToProto(),
        AdmittingDiagnosis = i.AdmittingDiagnosis,
    };
}

/// <summary>Finding mapping, shared by coding, scrubbing and submission.</summary>
public static class FindingMappings
{
    public static Proto.Finding ToProto(this Domain.Finding f)
    {
        var finding = new Proto.Finding
        {
            RuleId = f.RuleId, Severity = (Proto.Severity)f.Severity, Owner = (Proto.Owner)f.Owner,
            Message = f.Message, Field = f.Field, Source = f.Source, Fix = f.Fix,
        };
        finding.LineNumbers.AddRange(f.LineNumbers);
        return finding;
    }

    public static Domain.Finding ToDomain(this Proto.Finding f) => new(
        f.RuleId, (Domain.Severity)f.Severity, (Domain.Owner)f.Owner, f.Message, f.Field, f.LineNumbers.ToArray(), f.Source, f.Fix);
}
