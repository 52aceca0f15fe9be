using System.Globalization;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Acknowledgments;

/// <summary>
/// One claim's status in a 277 claim status response (X212, loop 2200D): category (P pending, F finalized, R more
/// information requested, E error) and status code, as of a date, with the charge and what was paid.
/// </summary>
public sealed record ClaimStatusEntry(string PatientControlNumber, string PayerClaimControlNumber, string CategoryCode, string StatusCode, DateOnly StatusDate, long ChargeCents, long PaidCents, string SubscriberLast, string SubscriberFirst, string MemberId)
{
    /// <summary>F0-F4: adjudication is over (paid, denied, or no payment).</summary>
    public bool Finalized => CategoryCode.StartsWith('F');
}

public sealed record ClaimStatusResponse277(string PayerName, string PayerId, string ReceiverName, string ReceiverId, string ProviderName, string ProviderNpi, IReadOnlyList<ClaimStatusEntry> Claims);

/// <summary>Writes and reads the 277 claim status response (005010X212), sent in answer to a 276 or unsolicited.</summary>
public static class ClaimStatusResponse277Builder
{
    public const string Version = "005010X212";

    public static List<Segment> Body(ClaimStatusResponse277 response, string reference, DateTimeOffset createdAt)
    {
        var segments = new List<Segment>
        {
            new("BHT", "0010", "08", reference, createdAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture), createdAt.ToString("HHmm", CultureInfo.InvariantCulture), "DG"),
            new("HL", "1", "", "20", "1"),
            new("NM1", "PR", "2", response.PayerName, "", "", "", "", "PI", response.PayerId),
            new("HL", "2", "1", "21", "1"),
            new("NM1", "41", "2", response.ReceiverName, "", "", "", "", "46", response.ReceiverId),
            new("HL", "3", "2", "19", response.Claims.Count > 0 ? "1" : "0"),
            new("NM1", "1P", "2", response.ProviderName, "", "", "", "", "XX", response.ProviderNpi),
        };

        var hl = 3;
        foreach (var claim in response.Claims)
        {
            segments.Add(new Segment("HL", (++hl).ToString(CultureInfo.InvariantCulture), "3", "22", "0"));
            segments.Add(new Segment("NM1", "IL", "1", claim.SubscriberLast, claim.SubscriberFirst, "", "", "", "MI", claim.MemberId));
            segments.Add(new Segment("TRN", "2", claim.PatientControlNumber));
            segments.Add(new Segment("STC", Segment.Composite(claim.CategoryCode, claim.StatusCode), Date(claim.StatusDate), "", Amount(claim.ChargeCents), Amount(claim.PaidCents)));
            if (claim.PayerClaimControlNumber.Length > 0)
            {
                segments.Add(new Segment("REF", "1K", claim.PayerClaimControlNumber));
            }
        }

        return segments;
    }

    public static ClaimStatusResponse277 Read(X12Transaction transaction)
    {
        var source = transaction.Root.Child("2000A");
        var payer = source?.Child("2100A")?.Segment("NM1");
        var claims = new List<ClaimStatusEntry>();
        X12Loop? receiverLoop = null;
        X12Loop? providerLoop = null;
        foreach (var receiver in source?.Children("2000B") ?? [])
        {
            receiverLoop ??= receiver;
            foreach (var provider in receiver.Children("2000C"))
            {
                providerLoop ??= provider;
                foreach (var subscriber in provider.Children("2000D"))
                {
                    var name = subscriber.Child("2100D")?.Segment("NM1");
                    var levels = subscriber.Children("2200D").Concat(subscriber.Children("2000E").SelectMany(d => d.Children("2200E")));
                    foreach (var status in levels)
                    {
                        var stc = status.Segment("STC")!;
                        claims.Add(new ClaimStatusEntry(status.Segment("TRN")?[2] ?? "", status.All("REF").FirstOrDefault(r => r[1] == "1K")?[2] ?? "",
                            stc.Component(1, 1), stc.Component(1, 2), ParseDate(stc[2]) ?? DateOnly.MinValue, Cents(stc[4]) ?? 0, Cents(stc[5]) ?? 0,
                            name?[3] ?? "", name?[4] ?? "", name?[9] ?? ""));
                    }
                }
            }
        }

        var receiverName = receiverLoop?.Child("2100B")?.Segment("NM1");
        var providerName = providerLoop?.Child("2100C")?.Segment("NM1");
        return new ClaimStatusResponse277(payer?[3] ?? "", payer?[9] ?? "", receiverName?[3] ?? "", receiverName?[9] ?? "", providerName?[3] ?? "", providerName?[9] ?? "", claims);
    }
}
