using System.Globalization;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Inquiries;

/// <summary>
/// One eligibility question in a 270: about the subscriber, or about a dependent when <see cref="Dependent"/> is set
/// (the trace, date and service types then sit in the dependent's loops).
/// </summary>
public sealed record EligibilityRequest(string TraceNumber, string TraceOriginator, X12Person Subscriber, X12Person? Dependent, DateOnly? ServiceDate, IReadOnlyList<string> ServiceTypes);

public sealed record EligibilityInquiry270(X12Party Source, X12Party Receiver, IReadOnlyList<EligibilityRequest> Requests);

/// <summary>Writes and reads the 270 eligibility, coverage or benefit inquiry (005010X279A1).</summary>
public static class EligibilityInquiry270Builder
{
    public const string Version = "005010X279A1";

    public static List<Segment> Body(EligibilityInquiry270 inquiry, string reference, DateTimeOffset createdAt)
    {
        var segments = new List<Segment>
        {
            new("BHT", "0022", "13", reference, Date(DateOnly.FromDateTime(createdAt.UtcDateTime)), createdAt.ToString("HHmm", CultureInfo.InvariantCulture)),
            new("HL", "1", "", "20", "1"),
            inquiry.Source.Nm1(),
            new("HL", "2", "1", "21", "1"),
            inquiry.Receiver.Nm1(),
        };

        SubscriberLevels.Write(segments, inquiry.Requests, r => r.Subscriber, r => r.Dependent, AddQuestion);
        return segments;
    }

    public static EligibilityInquiry270 Read(X12Transaction transaction)
    {
        var source = transaction.Root.Child("2000A");
        var receivers = source?.Children("2000B").ToList() ?? [];
        var requests = SubscriberLevels.Read(source, Request);
        return new EligibilityInquiry270(X12Party.Read(source?.Child("2100A")), X12Party.Read(receivers.FirstOrDefault()?.Child("2100B")), requests);
    }

    private static void AddQuestion(List<Segment> segments, EligibilityRequest request, X12Person person, string entityCode)
    {
        segments.Add(new Segment("TRN", "1", request.TraceNumber, request.TraceOriginator));
        segments.Add(person.Nm1(entityCode));
        if (person.Dmg() is { } dmg)
        {
            segments.Add(dmg);
        }

        if (request.ServiceDate is { } date)
        {
            segments.Add(new Segment("DTP", "291", "D8", Date(date)));
        }

        segments.AddRange(request.ServiceTypes.Select(type => new Segment("EQ", type)));
    }

    /// <summary>Reads the question asked at one HL level: its TRN, the date in the name loop or an inquiry loop, and every EQ01.</summary>
    private static EligibilityRequest Request(X12Loop level, string suffix, X12Person subscriber, X12Person? dependent)
    {
        var trn = level.Segment("TRN");
        var name = level.Child("2100" + suffix);
        var inquiries = name?.Children("2110" + suffix).ToList() ?? [];
        var dtp = name?.Segment("DTP", "291") ?? inquiries.Select(i => i.Segment("DTP", "291")).FirstOrDefault(d => d is not null);
        var serviceTypes = inquiries.Select(i => i.Segment("EQ")).OfType<Segment>().SelectMany(eq => eq.Repetitions(1)).ToList();
        return new EligibilityRequest(trn?[2] ?? "", trn?[3] ?? "", subscriber, dependent, dtp is null ? null : ParsePeriod(dtp[2], dtp[3]).From, serviceTypes);
    }

}
