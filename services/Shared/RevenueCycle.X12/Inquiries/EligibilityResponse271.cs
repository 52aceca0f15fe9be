using System.Globalization;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Inquiries;

/// <summary>A date or period a 271 reports (DTP): 346 plan begin, 347 plan end, 356/357 eligibility begin/end, 307 eligibility, 291 plan ...</summary>
public sealed record X12Period(string Qualifier, DateOnly? From, DateOnly? To)
{
    public Segment Dtp() => To is { } to && From is { } from && to != from
        ? new Segment("DTP", Qualifier, "RD8", $"{Date(from)}-{Date(to)}")
        : new Segment("DTP", Qualifier, "D8", From is { } day ? Date(day) : "");

    public static X12Period Read(Segment dtp)
    {
        var (from, to) = ParsePeriod(dtp[2], dtp[3]);
        return new X12Period(dtp[1], from, to ?? from);
    }
}

/// <summary>A reference a 271 carries (REF): 6P group number, 18 plan number, 1L group or policy number, G1 prior authorization ...</summary>
public sealed record X12Reference(string Qualifier, string Value, string Description)
{
    public Segment Ref() => Description.Length > 0 ? new Segment("REF", Qualifier, Value, Description) : new Segment("REF", Qualifier, Value);

    public static IReadOnlyList<X12Reference> Read(X12Loop? loop) => loop?.All("REF").Select(r => new X12Reference(r[1], r[2], r[3])).ToList() ?? [];
}

/// <summary>
/// One EB benefit line: information code (1 active coverage, 6 inactive, A co-insurance, B co-payment, C deductible,
/// G out-of-pocket, R other payer ...), coverage level, service types, insurance type, plan, time period (EB06: 23
/// calendar year, 29 remaining ...), and the amount (cents) or percent (0.2 = 20%) it carries; in-network Y/N/W;
/// free-text MSG lines. Then EB09/EB10 quantity, EB11 authorization or certification required (Y/N/U), its dates
/// and references, and the entities it names (2120 loop: another payer, a primary care provider).
/// </summary>
public sealed record Benefit(string InfoCode, string CoverageLevel, IReadOnlyList<string> ServiceTypes, string InsuranceType, string PlanDescription, string TimePeriod,
    long? AmountCents, decimal? Percent, string InNetwork, IReadOnlyList<string> Messages)
{
    public string QuantityQualifier { get; init; } = "";

    public decimal? Quantity { get; init; }

    /// <summary>EB11: Y authorization or certification required, N not required, U unknown; empty when not said.</summary>
    public string AuthorizationRequired { get; init; } = "";

    public IReadOnlyList<X12Period> Dates { get; init; } = [];

    public IReadOnlyList<X12Reference> References { get; init; } = [];

    /// <summary>Entities the benefit names (2120 loop): for EB01 R, the other payer.</summary>
    public IReadOnlyList<X12Party> RelatedEntities { get; init; } = [];
}

/// <summary>The answer for one person asked about: their trace, who they are, AAA rejections and benefits.</summary>
public sealed record EligibilityAnswer(string TraceNumber, string TraceOriginator, X12Person Subscriber, X12Person? Dependent, IReadOnlyList<RequestRejection> Rejections, IReadOnlyList<Benefit> Benefits)
{
    /// <summary>EB01 = 1: the payer reports active coverage.</summary>
    public bool Active => Rejections.Count == 0 && Benefits.Any(b => b.InfoCode == "1");

    /// <summary>The person's dates (DTP in 2100C/D): plan and eligibility begin and end.</summary>
    public IReadOnlyList<X12Period> Dates { get; init; } = [];

    /// <summary>The person's references (REF in 2100C/D): group number 6P, plan number 18 ...</summary>
    public IReadOnlyList<X12Reference> References { get; init; } = [];

    /// <summary>INS02 of a dependent: relationship to the subscriber (19 child, 01 spouse ...); empty for the subscriber.</summary>
    public string Relationship { get; init; } = "";
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
        segments.AddRange(answer.References.Select(r => r.Ref()));
        segments.AddRange(answer.Rejections.Select(r => r.Aaa()));
        if (person.Dmg() is { } dmg)
        {
            segments.Add(dmg);
        }

        if (answer.Relationship.Length > 0)
        {
            segments.Add(new Segment("INS", "N", answer.Relationship));
        }

        segments.AddRange(answer.Dates.Select(d => d.Dtp()));
        foreach (var benefit in answer.Benefits)
        {
            segments.Add(new Segment("EB", benefit.InfoCode, benefit.CoverageLevel, string.Join(Segment.RepetitionSeparator, benefit.ServiceTypes), benefit.InsuranceType,
                benefit.PlanDescription, benefit.TimePeriod, benefit.AmountCents is { } cents ? Amount(cents) : "",
                benefit.Percent?.ToString(CultureInfo.InvariantCulture) ?? "", benefit.QuantityQualifier, benefit.Quantity?.ToString(CultureInfo.InvariantCulture) ?? "",
                benefit.AuthorizationRequired, benefit.InNetwork));
            segments.AddRange(benefit.References.Select(r => r.Ref()));
            segments.AddRange(benefit.Dates.Select(d => d.Dtp()));
            segments.AddRange(benefit.Messages.Select(m => new Segment("MSG", m)));
            if (benefit.RelatedEntities.Count > 0)
            {
                segments.Add(new Segment("LS", "2120"));
                segments.AddRange(benefit.RelatedEntities.Select(e => e.Nm1()));
                segments.Add(new Segment("LE", "2120"));
            }
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
                eb[12], b.All("MSG").Select(m => m[1]).ToList())
            {
                QuantityQualifier = eb[9],
                Quantity = decimal.TryParse(eb[10], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity) ? quantity : null,
                AuthorizationRequired = eb[11],
                Dates = b.All("DTP").Select(X12Period.Read).ToList(),
                References = X12Reference.Read(b),
                RelatedEntities = b.Children("2120" + suffix).Select(X12Party.Read).ToList(),
            };
        }).ToList() ?? [];
        return new EligibilityAnswer(trn?[2] ?? "", trn?[3] ?? "", subscriber, dependent, RequestRejection.Read(name), benefits)
        {
            Dates = name?.All("DTP").Select(X12Period.Read).ToList() ?? [],
            References = X12Reference.Read(name),
            Relationship = name?.Segment("INS") is { } ins && ins[1] == "N" ? ins[2] : "",
        };
    }

}
