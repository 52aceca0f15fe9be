using System.Globalization;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Acknowledgments;

/// <summary>
/// One claim's front-end status from a 277CA (loop 2200D): accepted into adjudication (category A1/A2, action WQ) or
/// rejected (A3/A6/A7/A8, action U), with the status code and entity (e.g. A7:164:IL, entity's contract/member id).
/// </summary>
public sealed record ClaimStatus277(
    string PatientControlNumber,
    string PayerClaimControlNumber,
    string CategoryCode,
    string StatusCode,
    string EntityCode,
    long ChargeCents,
    DateOnly StatusDate,
    DateOnly? ServiceFrom,
    DateOnly? ServiceTo,
    string PatientLast,
    string PatientFirst,
    string MemberId)
{
    /// <summary>A1/A2 (and A0 forwarded) go on to adjudication; A3, A4 not found, A6, A7, A8 come back.</summary>
    public bool Accepted => CategoryCode is "A0" or "A1" or "A2" or "A5";
}

/// <summary>A 277CA: who answers (the payer or clearinghouse), for which batch, each claim's status.</summary>
public sealed record ClaimAcknowledgment277(string SourceName, string SourceId, string ReceiverName, string ReceiverId, string BatchId, DateOnly ReceivedOn, DateOnly ProcessedOn, IReadOnlyList<ClaimStatus277> Claims);

/// <summary>Writes and reads the 277CA (005010X214) claim acknowledgment.</summary>
public static class ClaimAcknowledgment277Builder
{
    public const string Version = "005010X214";

    public static List<Segment> Body(ClaimAcknowledgment277 ack, string billingProviderName, string billingProviderNpi, DateTimeOffset createdAt)
    {
        var segments = new List<Segment>
        {
            new("BHT", "0085", "08", ack.BatchId, createdAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture), createdAt.ToString("HHmm", CultureInfo.InvariantCulture), "TH"),
            new("HL", "1", "", "20", "1"),
            new("NM1", "PR", "2", ack.SourceName, "", "", "", "", "PI", ack.SourceId),
            new("TRN", "1", ack.BatchId),
            new("DTP", "050", "D8", Date(ack.ReceivedOn)),
            new("DTP", "009", "D8", Date(ack.ProcessedOn)),
            new("HL", "2", "1", "21", "1"),
            new("NM1", "41", "2", ack.ReceiverName, "", "", "", "", "46", ack.ReceiverId),
            new("TRN", "2", ack.BatchId),
            new("STC", Segment.Composite("A1", "19", "PR"), Date(ack.ProcessedOn), "WQ", Amount(ack.Claims.Sum(c => c.ChargeCents))),
            new("QTY", "90", ack.Claims.Count(c => c.Accepted).ToString(CultureInfo.InvariantCulture)),
            new("QTY", "AA", ack.Claims.Count(c => !c.Accepted).ToString(CultureInfo.InvariantCulture)),
            new("AMT", "YU", Amount(ack.Claims.Where(c => c.Accepted).Sum(c => c.ChargeCents))),
            new("AMT", "YY", Amount(ack.Claims.Where(c => !c.Accepted).Sum(c => c.ChargeCents))),
            new("HL", "3", "2", "19", "1"),
            new("NM1", "85", "2", billingProviderName, "", "", "", "", "XX", billingProviderNpi),
        };

        var hl = 3;
        foreach (var claim in ack.Claims)
        {
            segments.Add(new Segment("HL", (++hl).ToString(CultureInfo.InvariantCulture), "3", "PT"));
            segments.Add(new Segment("NM1", "QC", "1", claim.PatientLast, claim.PatientFirst, "", "", "", "MI", claim.MemberId));
            segments.Add(new Segment("TRN", "2", claim.PatientControlNumber));
            segments.Add(new Segment("STC", Segment.Composite(claim.CategoryCode, claim.StatusCode, claim.EntityCode), Date(claim.StatusDate), claim.Accepted ? "WQ" : "U", Amount(claim.ChargeCents)));
            if (claim.PayerClaimControlNumber.Length > 0)
            {
                segments.Add(new Segment("REF", "1K", claim.PayerClaimControlNumber));
            }

            if (claim.ServiceFrom is { } from)
            {
                segments.Add(claim.ServiceTo is { } to && to != from
                    ? new Segment("DTP", "472", "RD8", $"{Date(from)}-{Date(to)}")
                    : new Segment("DTP", "472", "D8", Date(from)));
            }
        }

        return segments;
    }

    public static ClaimAcknowledgment277 Read(X12Transaction transaction)
    {
        var source = transaction.Root.Child("2000A");
        var sourceName = source?.Child("2100A")?.Segment("NM1");
        var receipt = source?.Child("2200A");
        var receiver = source?.Child("2000B");
        var receiverName = receiver?.Child("2100B")?.Segment("NM1");
        var claims = new List<ClaimStatus277>();
        foreach (var provider in receiver?.Children("2000C") ?? [])
        {
            foreach (var patient in provider.Children("2000D"))
            {
                var name = patient.Child("2100D")?.Segment("NM1");
                foreach (var status in patient.Children("2200D"))
                {
                    var stc = status.Segment("STC")!;
                    var dates = status.All("DTP").FirstOrDefault(d => d[1] == "472") is { } dtp ? ParsePeriod(dtp[2], dtp[3]) : (null, null);
                    claims.Add(new ClaimStatus277(
                        status.Segment("TRN")?[2] ?? "", status.All("REF").FirstOrDefault(r => r[1] == "1K")?[2] ?? "",
                        stc.Component(1, 1), stc.Component(1, 2), stc.Component(1, 3), Cents(stc[4]) ?? 0, ParseDate(stc[2]) ?? DateOnly.MinValue,
                        dates.Item1, dates.Item2, name?[3] ?? "", name?[4] ?? "", name?[9] ?? ""));
                }
            }
        }

        return new ClaimAcknowledgment277(sourceName?[3] ?? "", sourceName?[9] ?? "", receiverName?[3] ?? "", receiverName?[9] ?? "", receipt?.Segment("TRN")?[2] ?? "",
            ParseDate(receipt?.All("DTP").FirstOrDefault(d => d[1] == "050")?[3] ?? "") ?? DateOnly.MinValue,
            ParseDate(receipt?.All("DTP").FirstOrDefault(d => d[1] == "009")?[3] ?? "") ?? DateOnly.MinValue, claims);
    }
}
