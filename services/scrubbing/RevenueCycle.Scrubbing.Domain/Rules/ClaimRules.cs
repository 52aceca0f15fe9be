using System.Text.RegularExpressions;
using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Scrubbing.Domain.Rules;

/// <summary>
/// Claim-data edits every 837 needs before it leaves: required providers, identifiers, dates, units, charges
/// and frequency rules (the codes themselves are <see cref="CodeSetRules"/>). Each finding says whose fix it is. A claim missing parts gets
/// findings, never an exception.
/// </summary>
public static partial class ClaimRules
{
    public const string Version = "RevenueCycle claim rules 2026.1";
    private const string Source = Version;

    [GeneratedRegex("^[0-9]{5}([0-9]{4})?$")]
    private static partial Regex Zip();

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex TaxId();

    [GeneratedRegex("^[0-9]{3}[0-9A-Z]{6}X$")]
    private static partial Regex Taxonomy();

    [GeneratedRegex("^[0-9]{2}$")]
    private static partial Regex PlaceOfService();

    public static List<Finding> Check(Claim claim)
    {
        var findings = new List<Finding>();
        CheckHeader(claim, findings);
        CheckBillingProvider(claim.BillingProvider, findings);
        CheckOtherProviders(claim, findings);
        CheckPatientAndPayer(claim, findings);
        CheckDiagnoses(claim, findings);
        CheckLines(claim, findings);
        CheckControlNumbers(claim, findings);
        return findings;
    }

    private static void CheckHeader(Claim claim, List<Finding> findings)
    {
        if (claim.Type == ClaimType.Unspecified)
        {
            findings.Add(Reject("CLM-TYPE", Owner.Billing, "The claim type (professional or institutional) is missing.", "claim.type", "Set the claim type."));
        }

        if (string.IsNullOrWhiteSpace(claim.PatientControlNumber) || claim.PatientControlNumber.Length > 20)
        {
            findings.Add(Reject("CLM-PCN", Owner.Billing, "The patient control number (CLM01) must be 1-20 characters.", "claim.patient_control_number", "Assign a patient control number of at most 20 characters."));
        }

        if (claim.Frequency is ClaimFrequency.Replacement or ClaimFrequency.Void && string.IsNullOrWhiteSpace(claim.PayerClaimControlNumber))
        {
            findings.Add(Reject("CLM-FREQ-ICN", Owner.Billing, $"A {(claim.Frequency == ClaimFrequency.Void ? "void" : "replacement")} claim must cite the payer's claim control number.", "claim.payer_claim_control_number", "Copy the payer claim control number (CLP07) from the remittance."));
        }

        if (claim.Type == ClaimType.Professional && !PlaceOfService().IsMatch(claim.PlaceOfService))
        {
            findings.Add(Reject("CLM-POS", Owner.Billing, "The claim place of service must be a two-digit CMS code.", "claim.place_of_service", "Enter the place of service, e.g. 11 for office."));
        }

        if (claim.Type == ClaimType.Institutional && (claim.Institutional is null || claim.Institutional.TypeOfBill.Length is < 3 or > 4))
        {
            findings.Add(Reject("CLM-TOB", Owner.Billing, "An institutional claim needs its type of bill.", "claim.institutional.type_of_bill", "Enter the type of bill, e.g. 0131."));
        }

        var lineTotal = claim.Lines.Aggregate(Int128.Zero, (sum, l) => sum + l.ChargeCents); // cannot overflow on hostile input
        if (claim.TotalChargeCents != 0 && claim.TotalChargeCents != lineTotal)
        {
            findings.Add(Reject("CLM-TOTAL", Owner.Billing, $"The total charge ({claim.TotalChargeCents} cents) differs from the sum of the lines ({lineTotal} cents).", "claim.total_charge_cents", "Recompute the total from the lines."));
        }
    }

    private static void CheckBillingProvider(Provider? provider, List<Finding> findings)
    {
        if (provider is null)
        {
            findings.Add(Reject("BP-REQUIRED", Owner.Billing, "The billing provider is missing.", "claim.billing_provider", "Add the billing provider (loop 2010AA)."));
            return;
        }

        if (!Npi.IsValid(provider.Npi))
        {
            findings.Add(Reject("BP-NPI", Owner.Billing, "The billing provider NPI is not a valid 10-digit NPI (check digit).", "claim.billing_provider.npi", "Correct the NPI from NPPES."));
        }

        if (!Taxonomy().IsMatch(provider.TaxonomyCode))
        {
            findings.Add(Reject("BP-TAXONOMY", Owner.Billing, "The billing provider taxonomy code must be 10 characters (e.g. 207Q00000X).", "claim.billing_provider.taxonomy_code", "Enter the provider's NUCC taxonomy code."));
        }

        if (!TaxId().IsMatch(provider.TaxId))
        {
            findings.Add(Reject("BP-TAX-ID", Owner.Billing, "The billing provider tax id must be 9 digits.", "claim.billing_provider.tax_id", "Enter the EIN or SSN without dashes."));
        }

        if (string.IsNullOrWhiteSpace(provider.Address.Line1) || string.IsNullOrWhiteSpace(provider.Address.City) || provider.Address.State.Length != 2)
        {
            findings.Add(Reject("BP-ADDRESS", Owner.Billing, "The billing provider needs a street address, city and state.", "claim.billing_provider.address", "Complete the billing provider address (no PO box)."));
        }

        if (!Zip().IsMatch(provider.Address.PostalCode) || provider.Address.PostalCode.Length != 9)
        {
            findings.Add(Reject("BP-ZIP9", Owner.Billing, "The billing provider ZIP code must have 9 digits.", "claim.billing_provider.address.postal_code", "Enter the ZIP+4 without a dash."));
        }
    }

    /// <summary>Every other NPI the 837 carries must pass its check digit too (rendering, referring, attending, line rendering).</summary>
    private static void CheckOtherProviders(Claim claim, List<Finding> findings)
    {
        void Check(Provider? provider, string rule, string role, string field, uint[] lines)
        {
            if (provider is not null && !Npi.IsValid(provider.Npi))
            {
                findings.Add(Reject(rule, Owner.Billing, $"The {role} NPI is not a valid 10-digit NPI (check digit).", $"{field}.npi", "Correct the NPI from NPPES.", lines));
            }
        }

        Check(claim.RenderingProvider, "RP-NPI", "rendering provider", "claim.rendering_provider", []);
        Check(claim.ReferringProvider, "REF-NPI", "referring provider", "claim.referring_provider", []);
        Check(claim.Institutional?.AttendingProvider, "ATT-NPI", "attending provider", "claim.institutional.attending_provider", []);
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            Check(claim.Lines[i].RenderingProvider, "LN-RENDERING-NPI", "line's rendering provider", $"claim.lines[{i}].rendering_provider", [LineNumbers.Of(claim.Lines[i], i)]);
        }
    }

    private static void CheckPatientAndPayer(Claim claim, List<Finding> findings)
    {
        if (claim.Subscriber is null || string.IsNullOrWhiteSpace(claim.Subscriber.MemberId))
        {
            findings.Add(Reject("SUB-ID", Owner.FrontEnd, "The subscriber member id is missing.", "claim.subscriber.member_id", "Copy the member id from the insurance card or the 271."));
        }

        if (claim.Subscriber is not null && (string.IsNullOrWhiteSpace(claim.Subscriber.Name.Last) || claim.Subscriber.DateOfBirth is null))
        {
            findings.Add(Reject("SUB-DEMOGRAPHICS", Owner.FrontEnd, "The subscriber's last name and date of birth are required.", "claim.subscriber", "Complete the subscriber's registration."));
        }

        if (claim.Payer is null || string.IsNullOrWhiteSpace(claim.Payer.PayerId))
        {
            findings.Add(Reject("PAYER-ID", Owner.Billing, "The payer id is missing.", "claim.payer.payer_id", "Pick the payer from the clearinghouse payer list."));
        }

        if (claim.Patient is null || string.IsNullOrWhiteSpace(claim.Patient.PatientId))
        {
            findings.Add(Reject("PAT-ID", Owner.FrontEnd, "The patient is missing.", "claim.patient.patient_id", "Attach the registered patient."));
        }
    }

    private static void CheckDiagnoses(Claim claim, List<Finding> findings)
    {
        if (claim.Diagnoses.Count == 0)
        {
            findings.Add(Reject("DX-REQUIRED", Owner.Coding, "The claim has no diagnosis.", "claim.diagnoses", "Code the principal diagnosis."));
        }

        // 837P: 12 diagnoses (HI, ABK + 11 ABF); 837I: the principal plus 24 others.
        var maxDiagnoses = claim.Type == ClaimType.Institutional ? 25 : 12;
        if (claim.Diagnoses.Count > maxDiagnoses)
        {
            findings.Add(Reject("DX-TOO-MANY", Owner.Coding, $"This claim type carries at most {maxDiagnoses} diagnoses; the claim has {claim.Diagnoses.Count}.", "claim.diagnoses", "Keep the diagnoses the lines point to."));
        }
    }

    private static void CheckLines(Claim claim, List<Finding> findings)
    {
        var maxLines = claim.Type == ClaimType.Institutional ? 999 : 50;
        if (claim.Lines.Count == 0)
        {
            findings.Add(Reject("LN-REQUIRED", Owner.Billing, "The claim has no service lines.", "claim.lines", "Add the services performed."));
        }
        else if (claim.Lines.Count > maxLines)
        {
            findings.Add(Reject("LN-TOO-MANY", Owner.Billing, $"An 837{(maxLines == 50 ? "P" : "I")} claim carries at most {maxLines} lines.", "claim.lines", "Split the claim."));
        }

        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var line = claim.Lines[i];
            var path = $"claim.lines[{i}]";
            uint[] at = [LineNumbers.Of(line, i)];

            if (string.IsNullOrWhiteSpace(line.ProcedureCode))
            {
                findings.Add(Reject("LN-PROCEDURE", Owner.Coding, "The line has no procedure code.", $"{path}.procedure_code", "Code the service.", at));
            }

            if (line.Units == 0)
            {
                findings.Add(Reject("LN-UNITS", Owner.Billing, "Units must be at least 1.", $"{path}.units", "Enter the units of service.", at));
            }

            if (line.ChargeCents <= 0 || line.ChargeCents > Money.MaxCents)
            {
                findings.Add(Reject("LN-CHARGE", Owner.Billing, "The line charge must be greater than zero and at most $10 billion.", $"{path}.charge_cents", "Enter the charge from the charge master.", at));
            }

            if (line.ServiceDateFrom is null)
            {
                findings.Add(Reject("LN-DOS", Owner.Billing, "The line has no date of service.", $"{path}.service_date_from", "Enter the date of service.", at));
            }
            else if (line.ServiceDateTo is { } to && to < line.ServiceDateFrom)
            {
                findings.Add(Reject("LN-DOS-RANGE", Owner.Billing, "The line's end date is before its start date.", $"{path}.service_date_to", "Correct the service dates.", at));
            }

            if (claim.Type == ClaimType.Professional && line.PlaceOfService.Length > 0 && !PlaceOfService().IsMatch(line.PlaceOfService))
            {
                findings.Add(Reject("LN-POS", Owner.Billing, "The line place of service must be a two-digit CMS code.", $"{path}.place_of_service", "Enter the place of service.", at));
            }

            if (claim.Type == ClaimType.Institutional && line.RevenueCode.Length != 4)
            {
                findings.Add(Reject("LN-REVENUE-CODE", Owner.Billing, "An institutional line needs a four-digit revenue code.", $"{path}.revenue_code", "Enter the revenue code from the charge master.", at));
            }

        }
    }

    /// <summary>Line item control numbers (REF*6R) must be unique: remittances match lines by them. All lines sharing one are named.</summary>
    private static void CheckControlNumbers(Claim claim, List<Finding> findings)
    {
        var shared = claim.Lines.Select((line, i) => (line, i)).Where(x => x.line.LineItemControlNumber.Length > 0).GroupBy(x => x.line.LineItemControlNumber, StringComparer.Ordinal);
        foreach (var group in shared.Where(g => g.Count() > 1))
        {
            var lines = group.Select(x => LineNumbers.Of(x.line, x.i)).Order().ToArray();
            var first = group.MinBy(x => LineNumbers.Of(x.line, x.i));
            findings.Add(Reject("LN-LICN-DUPLICATE", Owner.Billing, $"Lines {string.Join(" and ", lines)} share a line item control number; remittances could not tell them apart.",
                $"claim.lines[{first.i}].line_item_control_number", "Give every line its own control number.", lines));
        }
    }

    private static Finding Reject(string rule, Owner owner, string message, string field, string fix, IReadOnlyList<uint>? lines = null) =>
        new(rule, Severity.Reject, owner, message, field, lines ?? [], Source, fix);
}
