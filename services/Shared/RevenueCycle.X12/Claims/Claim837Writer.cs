using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Claims;

/// <summary>Who sends the batch (loop 1000A) and who receives it (1000B): the submitter's ETIN and contact, the clearinghouse or payer.</summary>
public sealed record Submitter837(string Name, string Id, string ContactName, string ContactPhone, string ReceiverName, string ReceiverId);

/// <summary>
/// Writes claims as the body (BHT to the last line, between ST and SE) of an 837P (005010X222A1) or 837I
/// (005010X223A2) transaction: the HL hierarchy billing provider (20) / subscriber (22) / patient (23) with its
/// parents and child codes, 1000A/B, 2010AA with its 9-digit ZIP, 2010BA/BB, 2300 CLM with its frequency code,
/// REF*G1 prior authorization, REF*9F referral, REF*F8 payer claim control number on replacements and voids, HI,
/// 2310 providers, 2320/2330 and 2430 other-payer loops for secondary claims, and 2400 lines with SV1 or SV2, their
/// modifiers, pointers, dates and REF*6R line item control numbers.
/// </summary>
public static class Claim837Writer
{
    public const string ProfessionalVersion = "005010X222A1";
    public const string InstitutionalVersion = "005010X223A2";

    public static string VersionOf(ClaimType type) => type == ClaimType.Institutional ? InstitutionalVersion : ProfessionalVersion;

    /// <summary>The transaction body for claims of one type (all professional or all institutional).</summary>
    public static List<Segment> Body(IReadOnlyList<Claim> claims, Submitter837 submitter, string batchId, DateTimeOffset createdAt)
    {
        if (claims.Count == 0)
        {
            throw new ArgumentException("An 837 needs at least one claim.", nameof(claims));
        }

        var institutional = claims[0].Type == ClaimType.Institutional;
        if (claims.Any(c => (c.Type == ClaimType.Institutional) != institutional))
        {
            throw new ArgumentException("Professional and institutional claims go in separate 837 transactions.", nameof(claims));
        }

        var segments = new List<Segment>
        {
            new("BHT", "0019", "00", batchId, createdAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture), createdAt.ToString("HHmm", CultureInfo.InvariantCulture), "CH"),
            new("NM1", "41", "2", submitter.Name, "", "", "", "", "46", submitter.Id),
            new("PER", "IC", submitter.ContactName, "TE", submitter.ContactPhone),
            new("NM1", "40", "2", submitter.ReceiverName, "", "", "", "", "46", submitter.ReceiverId),
        };

        var hl = 0;
        foreach (var byBilling in claims.GroupBy(c => BillingKey(c.BillingProvider)))
        {
            var billingHl = ++hl;
            var billing = byBilling.First().BillingProvider!;
            segments.Add(new Segment("HL", Number(billingHl), "", "20", "1"));
            if (billing.TaxonomyCode.Length > 0)
            {
                segments.Add(new Segment("PRV", "BI", "PXC", billing.TaxonomyCode));
            }

            segments.Add(Name("85", billing, "XX", billing.Npi));
            segments.AddRange(Address(billing.Address));
            segments.Add(new Segment("REF", billing.EntityType == EntityType.Person && billing.TaxId.Length == 9 && billing.OrganizationName.Length == 0 ? "SY" : "EI", billing.TaxId));

            foreach (var bySubscriber in byBilling.GroupBy(c => (c.Payer?.PayerId, c.Subscriber?.MemberId, c.PayerResponsibility)))
            {
                var subscriberHl = ++hl;
                var first = bySubscriber.First();
                var subscriber = first.Subscriber!;
                var self = subscriber.RelationshipToPatient is Relationship.Self or Relationship.Unspecified;
                segments.Add(new Segment("HL", Number(subscriberHl), Number(billingHl), "22", self ? "0" : "1"));
                segments.Add(new Segment("SBR", first.PayerResponsibility, self ? "18" : "", subscriber.GroupNumber, "", "", "", "", "", FilingIndicator(first.Payer)));
                segments.Add(Person("IL", subscriber.Name, "MI", subscriber.MemberId));
                if (self)
                {
                    segments.AddRange(Address(subscriber.Address));
                    if (subscriber.DateOfBirth is { } born)
                    {
                        segments.Add(new Segment("DMG", "D8", Date(born), Sex(subscriber.Sex)));
                    }
                }

                var payer = first.Payer!;
                segments.Add(new Segment("NM1", "PR", "2", payer.Name, "", "", "", "", "PI", payer.PayerId));
                segments.AddRange(Address(payer.Address));
                if (self)
                {
                    foreach (var claim in bySubscriber)
                    {
                        AddClaim(segments, claim, institutional);
                    }

                    continue;
                }

                // The patient is not the subscriber: their own HL (23) carries the claims.
                foreach (var byPatient in bySubscriber.GroupBy(c => c.Patient?.PatientId))
                {
                    var patient = byPatient.First().Patient!;
                    segments.Add(new Segment("HL", Number(++hl), Number(subscriberHl), "23", "0"));
                    segments.Add(new Segment("PAT", RelationshipCode(subscriber.RelationshipToPatient)));
                    segments.Add(Person("QC", patient.Name, "", ""));
                    segments.AddRange(Address(patient.Address));
                    if (patient.DateOfBirth is { } born)
                    {
                        segments.Add(new Segment("DMG", "D8", Date(born), Sex(patient.Sex)));
                    }

                    foreach (var claim in byPatient)
                    {
                        AddClaim(segments, claim, institutional);
                    }
                }
            }
        }

        return segments;
    }

    private static void AddClaim(List<Segment> segments, Claim claim, bool institutional)
    {
        var total = claim.TotalChargeCents != 0 ? claim.TotalChargeCents : claim.Lines.Sum(l => l.ChargeCents);
        var frequency = ((int)claim.Frequency).ToString(CultureInfo.InvariantCulture);
        if (institutional)
        {
            var tob = claim.Institutional?.TypeOfBill.TrimStart('0') ?? "";
            var facility = tob.Length >= 2 ? tob[..2] : tob;
            segments.Add(new Segment("CLM", claim.PatientControlNumber, Amount(total), "", "", Segment.Composite(facility, "A", frequency), "", "A", "Y", "Y"));
            var from = claim.Lines.Select(l => l.ServiceDateFrom).Min() ?? claim.Institutional?.AdmissionDate;
            var to = claim.Lines.Select(l => l.ServiceDateTo ?? l.ServiceDateFrom).Max() ?? claim.Institutional?.DischargeDate ?? from;
            if (claim.Institutional?.AdmissionDate is { } admitted)
            {
                segments.Add(new Segment("DTP", "435", claim.Institutional.AdmissionHour.Length == 4 ? "DT" : "D8", Date(admitted) + claim.Institutional.AdmissionHour));
            }

            if (from is { } f)
            {
                segments.Add(new Segment("DTP", "434", "RD8", $"{Date(f)}-{Date(to ?? f)}"));
            }

            segments.Add(new Segment("CL1", claim.Institutional?.AdmissionType ?? "", claim.Institutional?.AdmissionSource ?? "", claim.Institutional?.PatientStatus ?? ""));
        }
        else
        {
            segments.Add(new Segment("CLM", claim.PatientControlNumber, Amount(total), "", "", Segment.Composite(claim.PlaceOfService, "B", frequency), "Y", "A", "Y", "Y"));
        }

        if (claim.PriorAuthorizationNumber.Length > 0)
        {
            segments.Add(new Segment("REF", "G1", claim.PriorAuthorizationNumber));
        }

        if (claim.ReferralNumber.Length > 0)
        {
            segments.Add(new Segment("REF", "9F", claim.ReferralNumber));
        }

        if (claim.Frequency is ClaimFrequency.Replacement or ClaimFrequency.Void)
        {
            segments.Add(new Segment("REF", "F8", claim.PayerClaimControlNumber));
        }

        AddDiagnoses(segments, claim, institutional);
        AddProviders(segments, claim, institutional);
        foreach (var other in claim.PriorPayers)
        {
            AddOtherPayer(segments, claim, other);
        }

        for (var i = 0; i < claim.Lines.Count; i++)
        {
            AddLine(segments, claim, claim.Lines[i], i, institutional);
        }
    }

    private static void AddDiagnoses(List<Segment> segments, Claim claim, bool institutional)
    {
        var codes = claim.Diagnoses.Select(d => (Code: d.Code.Replace(".", "", StringComparison.Ordinal).Trim().ToUpperInvariant(), d.PresentOnAdmission)).ToList();
        if (codes.Count == 0)
        {
            return;
        }

        if (!institutional)
        {
            // One HI: ABK for the principal, ABF for up to eleven others.
            segments.Add(new Segment("HI", codes.Take(12).Select((d, i) => Segment.Composite(i == 0 ? "ABK" : "ABF", d.Code)).ToArray()));
            return;
        }

        string Poa(string poa) => poa is "Y" or "N" or "U" or "W" ? poa : "";
        segments.Add(new Segment("HI", Segment.Composite("ABK", codes[0].Code, "", "", "", "", "", "", Poa(codes[0].PresentOnAdmission))));
        if (claim.Institutional?.AdmittingDiagnosis is { Length: > 0 } admitting)
        {
            segments.Add(new Segment("HI", Segment.Composite("ABJ", admitting.Replace(".", "", StringComparison.Ordinal))));
        }

        foreach (var chunk in codes.Skip(1).Take(24).Chunk(12))
        {
            segments.Add(new Segment("HI", chunk.Select(d => Segment.Composite("ABF", d.Code, "", "", "", "", "", "", Poa(d.PresentOnAdmission))).ToArray()));
        }
    }

    private static void AddProviders(List<Segment> segments, Claim claim, bool institutional)
    {
        if (institutional)
        {
            if (claim.Institutional?.AttendingProvider is { } attending)
            {
                segments.Add(Name("71", attending, "XX", attending.Npi));
                if (attending.TaxonomyCode.Length > 0)
                {
                    segments.Add(new Segment("PRV", "AT", "PXC", attending.TaxonomyCode));
                }
            }

            return;
        }

        if (claim.ReferringProvider is { } referring)
        {
            segments.Add(Name("DN", referring, "XX", referring.Npi));
        }

        if (claim.RenderingProvider is { } rendering && rendering.Npi != claim.BillingProvider?.Npi)
        {
            segments.Add(Name("82", rendering, "XX", rendering.Npi));
            if (rendering.TaxonomyCode.Length > 0)
            {
                segments.Add(new Segment("PRV", "PE", "PXC", rendering.TaxonomyCode));
            }
        }
    }

    /// <summary>Loops 2320/2330A/2330B: what an earlier payer did with the claim.</summary>
    private static void AddOtherPayer(List<Segment> segments, Claim claim, OtherPayer other)
    {
        var index = claim.PriorPayers.ToList().IndexOf(other);
        var sequence = index switch { 0 => "P", 1 => "S", _ => "T" };
        var self = other.Subscriber.RelationshipToPatient is Relationship.Self or Relationship.Unspecified;
        segments.Add(new Segment("SBR", sequence, RelationshipCode(self ? Relationship.Self : other.Subscriber.RelationshipToPatient), other.Subscriber.GroupNumber, "", "", "", "", "", FilingIndicator(other.Payer)));
        foreach (var group in other.ClaimAdjustments.GroupBy(a => a.GroupCode))
        {
            segments.Add(Cas(group.Key, group.ToList()));
        }

        segments.Add(new Segment("AMT", "D", Amount(other.PaidCents)));
        segments.Add(new Segment("OI", "", "", "Y", "", "", "Y"));
        segments.Add(Person("IL", other.Subscriber.Name, "MI", other.Subscriber.MemberId));
        segments.Add(new Segment("NM1", "PR", "2", other.Payer.Name, "", "", "", "", "PI", other.Payer.PayerId));
        if (other.AdjudicatedOn is { } adjudicated && other.Lines.Count == 0)
        {
            segments.Add(new Segment("DTP", "573", "D8", Date(adjudicated)));
        }

        if (other.PayerClaimControlNumber.Length > 0)
        {
            segments.Add(new Segment("REF", "F8", other.PayerClaimControlNumber));
        }
    }

    private static void AddLine(List<Segment> segments, Claim claim, ServiceLine line, int index, bool institutional)
    {
        var number = line.LineNumber == 0 ? (uint)(index + 1) : line.LineNumber;
        segments.Add(new Segment("LX", number.ToString(CultureInfo.InvariantCulture)));
        var procedure = Segment.Composite([line.ProcedureCode.Length > 0 ? "HC" : "", line.ProcedureCode, .. line.Modifiers.Take(4)]);
        if (institutional)
        {
            segments.Add(new Segment("SV2", line.RevenueCode, procedure, Amount(line.ChargeCents), "UN", Units(line.Units)));
        }
        else
        {
            var place = line.PlaceOfService.Length > 0 && line.PlaceOfService != claim.PlaceOfService ? line.PlaceOfService : "";
            var pointers = Segment.Composite(line.DiagnosisPointers.Take(4).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray());
            segments.Add(new Segment("SV1", procedure, Amount(line.ChargeCents), "UN", Units(line.Units), place, "", pointers));
        }

        if (line.ServiceDateFrom is { } from)
        {
            segments.Add(line.ServiceDateTo is { } to && to != from
                ? new Segment("DTP", "472", "RD8", $"{Date(from)}-{Date(to)}")
                : new Segment("DTP", "472", "D8", Date(from)));
        }

        if (line.LineItemControlNumber.Length > 0)
        {
            segments.Add(new Segment("REF", "6R", line.LineItemControlNumber));
        }

        if (line.Drug is { } drug)
        {
            segments.Add(new Segment("LIN", "", "N4", drug.Ndc));
            segments.Add(new Segment("CTP", "", "", "", Quantity(drug.QuantityThousandths), Segment.Composite(drug.Unit)));
        }

        if (!institutional && line.RenderingProvider is { } rendering && rendering.Npi != (claim.RenderingProvider ?? claim.BillingProvider)?.Npi)
        {
            segments.Add(Name("82", rendering, "XX", rendering.Npi));
        }

        foreach (var other in claim.PriorPayers)
        {
            foreach (var adjudicated in other.Lines.Where(l => l.LineNumber == number))
            {
                segments.Add(new Segment("SVD", other.Payer.PayerId, Amount(adjudicated.PaidCents),
                    Segment.Composite([institutional ? "HC" : "HC", adjudicated.ProcedureCode, .. adjudicated.Modifiers.Take(4)]), "", Units(adjudicated.PaidUnits)));
                foreach (var group in adjudicated.Adjustments.GroupBy(a => a.GroupCode))
                {
                    segments.Add(Cas(group.Key, group.ToList()));
                }

                if ((adjudicated.AdjudicatedOn ?? other.AdjudicatedOn) is { } on)
                {
                    segments.Add(new Segment("DTP", "573", "D8", Date(on)));
                }
            }
        }
    }

    /// <summary>CAS: a group code and up to six (reason, amount, quantity) triples.</summary>
    private static Segment Cas(string group, IReadOnlyList<PayerAdjustment> adjustments)
    {
        var elements = new List<string> { group };
        foreach (var adjustment in adjustments.Take(6))
        {
            elements.Add(adjustment.ReasonCode);
            elements.Add(Amount(adjustment.AmountCents));
            elements.Add(adjustment.Quantity == 0 ? "" : adjustment.Quantity.ToString(CultureInfo.InvariantCulture));
        }

        return new Segment("CAS", elements.ToArray());
    }

    private static string Quantity(long thousandths) => (thousandths / 1000m).ToString("0.###", CultureInfo.InvariantCulture);

    private static string FilingIndicator(Payer? payer) => payer?.ClaimFilingIndicator is { Length: > 0 } code ? code : "CI";

    private static string BillingKey(Provider? provider) => $"{provider?.Npi}|{provider?.TaxId}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Segment Name(string entity, Provider provider, string qualifier, string id) =>
        provider.EntityType == EntityType.Person || provider.OrganizationName.Length == 0
            ? new Segment("NM1", entity, "1", provider.Name.Last, provider.Name.First, provider.Name.Middle, "", provider.Name.Suffix, qualifier, id)
            : new Segment("NM1", entity, "2", provider.OrganizationName, "", "", "", "", qualifier, id);

    private static Segment Person(string entity, PersonName name, string qualifier, string id) =>
        new("NM1", entity, "1", name.Last, name.First, name.Middle, "", name.Suffix, qualifier, id);

    private static IEnumerable<Segment> Address(Address address)
    {
        if (address.Line1.Length == 0)
        {
            yield break;
        }

        yield return address.Line2.Length > 0 ? new Segment("N3", address.Line1, address.Line2) : new Segment("N3", address.Line1);
        yield return new Segment("N4", address.City, address.State, address.PostalCode, address.Country is "" or "US" or "USA" ? "" : address.Country);
    }
}
