using System.Globalization;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Inquiries;

/// <summary>
/// One claim asked about in a 276: the provider who billed it, the subscriber (and the patient when a dependent), the
/// trace number the 277 echoes, the patient account (REF*EJ) and payer claim control number (REF*1K), the total
/// charge and the service period.
/// </summary>
public sealed record ClaimStatusQuery(X12Party Provider, X12Person Subscriber, X12Person? Patient, string TraceNumber, string PatientAccountNumber, string PayerClaimControlNumber,
    long? ChargeCents, DateOnly? ServiceFrom, DateOnly? ServiceTo);

public sealed record ClaimStatusRequest276(X12Party Payer, X12Party Receiver, IReadOnlyList<ClaimStatusQuery> Queries);

/// <summary>Writes and reads the 276 claim status request (005010X212); the answer is a 277 (<c>ClaimStatusResponse277Builder</c>).</summary>
public static class ClaimStatusRequest276Builder
{
    public const string Version = "005010X212";

    public static List<Segment> Body(ClaimStatusRequest276 request, string reference, DateTimeOffset createdAt)
    {
        var segments = new List<Segment>
        {
            new("BHT", "0010", "13", reference, Date(DateOnly.FromDateTime(createdAt.UtcDateTime)), createdAt.ToString("HHmm", CultureInfo.InvariantCulture)),
            new("HL", "1", "", "20", "1"),
            request.Payer.Nm1(),
            new("HL", "2", "1", "21", "1"),
            request.Receiver.Nm1(),
        };

        var hl = 2;
        foreach (var provider in request.Queries.GroupBy(q => q.Provider))
        {
            var providerHl = ++hl;
            segments.Add(new Segment("HL", Number(providerHl), "2", "19", "1"));
            segments.Add(provider.Key.Nm1());
            foreach (var query in provider)
            {
                var subscriberHl = ++hl;
                segments.Add(new Segment("HL", Number(subscriberHl), Number(providerHl), "22", query.Patient is null ? "0" : "1"));
                if (query.Patient is null)
                {
                    AddClaim(segments, query, query.Subscriber, "IL");
                    continue;
                }

                segments.AddRange(query.Subscriber.Dmg() is { } dmg ? [dmg] : []);
                segments.Add(query.Subscriber.Nm1("IL"));
                segments.Add(new Segment("HL", Number(++hl), Number(subscriberHl), "23"));
                AddClaim(segments, query, query.Patient, "QC");
            }
        }

        return segments;
    }

    public static ClaimStatusRequest276 Read(X12Transaction transaction)
    {
        var source = transaction.Root.Child("2000A");
        var receivers = source?.Children("2000B").ToList() ?? [];
        var queries = new List<ClaimStatusQuery>();
        foreach (var provider in receivers.SelectMany(r => r.Children("2000C")))
        {
            var party = X12Party.Read(provider.Child("2100C"));
            foreach (var subscriber in provider.Children("2000D"))
            {
                var subscriberPerson = X12Person.Read(subscriber.Child("2100D"), subscriber.Segment("DMG"));
                queries.AddRange(subscriber.Children("2200D").Select(c => Query(c, party, subscriberPerson, null)));
                foreach (var dependent in subscriber.Children("2000E"))
                {
                    var patient = X12Person.Read(dependent.Child("2100E"), dependent.Segment("DMG"));
                    queries.AddRange(dependent.Children("2200E").Select(c => Query(c, party, subscriberPerson, patient)));
                }
            }
        }

        return new ClaimStatusRequest276(X12Party.Read(source?.Child("2100A")), X12Party.Read(receivers.FirstOrDefault()?.Child("2100B")), queries);
    }

    private static void AddClaim(List<Segment> segments, ClaimStatusQuery query, X12Person person, string entityCode)
    {
        // The DMG belongs to the HL level, before the name loop.
        if (person.Dmg() is { } dmg)
        {
            segments.Add(dmg);
        }

        segments.Add(person.Nm1(entityCode));
        segments.Add(new Segment("TRN", "1", query.TraceNumber));
        if (query.PayerClaimControlNumber.Length > 0)
        {
            segments.Add(new Segment("REF", "1K", query.PayerClaimControlNumber));
        }

        if (query.PatientAccountNumber.Length > 0)
        {
            segments.Add(new Segment("REF", "EJ", query.PatientAccountNumber));
        }

        if (query.ChargeCents is { } charge)
        {
            segments.Add(new Segment("AMT", "T3", Amount(charge)));
        }

        if (query.ServiceFrom is { } from)
        {
            segments.Add(query.ServiceTo is { } to && to != from
                ? new Segment("DTP", "472", "RD8", $"{Date(from)}-{Date(to)}")
                : new Segment("DTP", "472", "D8", Date(from)));
        }
    }

    private static ClaimStatusQuery Query(X12Loop claim, X12Party provider, X12Person subscriber, X12Person? patient)
    {
        // Without a claim-level DTP the service lines' dates give the period.
        var periods = (claim.Segment("DTP", "472") is { } dtp ? [dtp] : claim.Loops.Select(l => l.Segment("DTP", "472")).OfType<Segment>())
            .Select(d => ParsePeriod(d[2], d[3])).Where(p => p.From is not null).ToList();
        DateOnly? from = periods.Count == 0 ? null : periods.Min(p => p.From);
        DateOnly? to = periods.Count == 0 ? null : periods.Max(p => p.To ?? p.From);
        return new ClaimStatusQuery(provider, subscriber, patient, claim.Segment("TRN")?[2] ?? "", claim.Segment("REF", "EJ")?[2] ?? "", claim.Segment("REF", "1K")?[2] ?? "",
            claim.Segment("AMT", "T3") is { } amt ? Cents(amt[2]) : null, from, to);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
