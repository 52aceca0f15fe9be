using System.Globalization;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Inquiries;

/// <summary>
/// One EB benefit line: information code (1 active coverage, 6 inactive, A co-insurance, B co-payment, C deductible,
/// G out-of-pocket, ...), coverage level, service types, insurance type, plan, time period, and the amount (cents) or
/// percent (0.2 = 20%) it carries; in-network Y/N/W; free-text MSG lines.
/// </summary>
public sealed record Benefit(string InfoCode, string CoverageLevel, IReadOnlyList<string> ServiceTypes, string InsuranceType, string PlanDescription, string TimePeriod,
    long? AmountCents, decimal? Percent, string InNetwork, IReadOnlyList<string> Messages);

/// <summary>The answer for one person asked about: their trace, who they are, AAA rejections and benefits.</summary>
public sealed record EligibilityAnswer(string TraceNumber, string TraceOriginator, X12Person Subscriber, X12Person? Dependent, IReadOnlyList<RequestRejection> Rejections, IReadOnlyList<Benefit> Benefits)
{
    /// <summary>EB01 = 1: the payer reports active coverage.</summary>
    public bool Active => Rejections.Count == 0 && Benefits.Any(b => b.InfoCode == "1");
}

/// <summary>A 271; <see cref="SourceRejections"/> and <see cref="ReceiverRejections"/> are AAA answers that refuse the whole inquiry.</summary>
public sealed record EligibilityResponse271(X12Party Source, X12Party Receiver, IReadOnlyList<RequestRejection> SourceRejections, IReadOnlyList<RequestRejection> ReceiverRejections,
    IReadOnlyList<EligibilityAnswer> Answers);

/// <summary>Writes and reads the 271 eligibility, coverage or benefit information (005010X279A1).</summary>
public static class EligibilityResponse271Builder
{
    public const string Version = EligibilityInquiry270Builder.Version;

    public static List<Segment> Body(EligibilityResponse271 response, string reference, DateTimeOffset createdAt)
    {
        var segments = new List<Segment>
        {
            new("BHT", "0022", "11", reference, Date(DateOnly.FromDateTime(createdAt.UtcDateTime)), createdAt.ToString("HHmm", CultureInfo.InvariantCulture)),
            new("HL", "1", "", "20", "1"),
            response.Source.Nm1(),
        };
        segments.AddRange(response.SourceRejections.Select(r => r.Aaa()));
        segments.Add(new Segment("HL", "2", "1", "21", response.Answers.Count > 0 ? "1" : "0"));
        segments.Add(response.Receiver.Nm1());
        segments.AddRange(response.ReceiverRejections.Select(r => r.Aaa()));

        SubscriberLevels.Write(segments, response.Answers, a => a.Subscriber, a => a.Dependent, AddAnswer);
        return segments;
    }

    public static EligibilityResponse271 Read(X12Transaction transaction)
    {
        var source = transaction.Root.Child("2000A");
        var sourceName = source?.Child("2100A");
        var receivers = source?.Children("2000B").ToList() ?? [];
        var receiverName = receivers.FirstOrDefault()?.Child("2100B");
        var answers = SubscriberLevels.Read(source, Answer);

        // AAA may sit at the 2000A level or in 2100A; both refuse the inquiry at the source.
        var sourceRejections = RequestRejection.Read(source).Concat(RequestRejection.Read(sourceName)).ToList();
        return new EligibilityResponse271(X12Party.Read(sourceName), X12Party.Read(receiverName), sourceRejections, RequestRejection.Read(receiverName), answers);
    }

    private static void AddAnswer(List<Segment> segments, EligibilityAnswer answer, X12Person person, string entityCode)
    {
        segments.Add(new Segment("TRN", "2", answer.TraceNumber, answer.TraceOriginator));
        segments.Add(person.Nm1(entityCode));
        segments.AddRange(answer.Rejections.Select(r => r.Aaa()));
        if (person.Dmg() is { } dmg)
        {
            segments.Add(dmg);
        }

        foreach (var benefit in answer.Benefits)
        {
            segments.Add(new Segment("EB", benefit.InfoCode, benefit.CoverageLevel, string.Join(Segment.RepetitionSeparator, benefit.ServiceTypes), benefit.InsuranceType,
                benefit.PlanDescription, benefit.TimePeriod, benefit.AmountCents is { } cents ? Amount(cents) : "",
                benefit.Percent?.ToString(CultureInfo.InvariantCulture) ?? "", "", "", "", benefit.InNetwork));
            segments.AddRange(benefit.Messages.Select(m => new Segment("MSG", m)));
        }
    }

    private static EligibilityAnswer Answer(X12Loop level, string suffix, X12Person subscriber, X12Person? dependent)
    {
        var trn = level.Segment("TRN");
        var name = level.Child("2100" + suffix);
        var benefits = name?.Children("2110" + suffix).Select(b =>
        {
            var eb = b.Segment("EB")!;
            return new Benefit(eb[1], eb[2], eb.Repetitions(3), eb[4], eb[5], eb[6], Cents(eb[7]),
                decimal.TryParse(eb[8], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) ? percent : null,
                eb[12], b.All("MSG").Select(m => m[1]).ToList());
        }).ToList() ?? [];
        return new EligibilityAnswer(trn?[2] ?? "", trn?[3] ?? "", subscriber, dependent, RequestRejection.Read(name), benefits);
    }

}
