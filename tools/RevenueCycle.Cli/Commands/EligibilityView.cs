using System.Globalization;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Eligibility.Domain.Rules;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary>Eligibility answers as a front desk reads them: status first, then plan, benefits, authorization, other coverage, messages.</summary>
public static class EligibilityView
{
    /// <summary>A console writing to <paramref name="output"/>: colours only on a terminal, and wide enough for the tables when redirected.</summary>
    public static IAnsiConsole Console(TextWriter output)
    {
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 140;
        }

        return console;
    }

    public static void Write(IAnsiConsole console, CheckEligibilityResponse r, string title = "")
    {
        var (label, colour) = Status(r);
        var heading = $"[bold {colour}]{label}[/]";
        if (title.Length > 0)
        {
            heading = $"{Markup.Escape(title)}  {heading}";
        }

        if (r.Stale)
        {
            heading += "  [yellow](stale: the payer could not be asked now)[/]";
        }
        else if (r.FromCache)
        {
            heading += "  [grey](from the stored answer)[/]";
        }

        console.MarkupLine(heading);
        if (r.Reason.Length > 0)
        {
            console.MarkupLine($"  {Markup.Escape(r.Reason)}");
        }

        if (r.Problem.Length > 0 && !r.Reason.Contains(r.Problem, StringComparison.Ordinal))
        {
            console.MarkupLine($"  [yellow]{Markup.Escape(r.Problem)}[/]");
        }

        var facts = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Fact(string name, string value)
        {
            if (value.Length > 0)
            {
                facts.AddRow($"[grey]{name}[/]", Markup.Escape(value));
            }
        }

        Fact("Payer", r.PayerId);
        Fact("Plan", r.PlanName);
        Fact("Group", r.GroupNumber);
        Fact("Coverage level", r.CoverageLevel);
        Fact("Coverage", r.CoverageFrom is null ? "" : $"{Date(r.CoverageFrom)} to {(r.CoverageTo is null ? "open" : Date(r.CoverageTo))}");
        Fact("Active for", ServiceTypes(r.ActiveServiceTypes));
        Fact("Not covered for", ServiceTypes(r.InactiveServiceTypes));
        Fact("Authorization required", ServiceTypes(r.AuthorizationRequiredServiceTypes));
        Fact("Procedures needing authorization", string.Join(", ", r.PriorAuthorizationRequired));
        Fact("Snapshot", r.SnapshotId.Length == 0 ? "" : $"{r.SnapshotId} (checked {Timestamp(r.CheckedAt)}, reused until {Timestamp(r.ExpiresAt)})");
        Fact("Trace", r.TraceNumber);
        console.Write(facts);

        if (r.Rejections.Count > 0)
        {
            var rejections = new Table().Border(TableBorder.Rounded).Title("Rejections (AAA)")
                .AddColumns("Where", "Code", "Reason", "What to do");
            foreach (var x in r.Rejections)
            {
                rejections.AddRow(Markup.Escape(x.Level), Markup.Escape(x.ReasonCode), Markup.Escape(x.Reason), Markup.Escape($"{x.FollowUpCode} {x.FollowUp}".Trim()));
            }

            console.Write(rejections);
        }

        if (r.Amounts.Count > 0)
        {
            var amounts = new Table().Border(TableBorder.Rounded).Title("Benefits")
                .AddColumns("Benefit", "Service types", "Network", "Level", "Period")
                .AddColumn(new TableColumn("Amount").RightAligned());
            foreach (var a in r.Amounts)
            {
                amounts.AddRow(Kind(a.Kind), Markup.Escape(a.ServiceTypes.Count == 0 ? "plan" : string.Join(" ", a.ServiceTypes)), Network(a.Network),
                    Markup.Escape(a.CoverageLevel), Period(a), Markup.Escape(Amount(a)));
            }

            console.Write(amounts);
        }

        foreach (var o in r.OtherCoverage)
        {
            var order = o.Priority.Length > 0 ? $" ({o.Priority})" : "";
            console.MarkupLine($"[yellow]Other coverage{Markup.Escape(order)}:[/] {Markup.Escape(o.PayerName)} {Markup.Escape(o.PayerId)} {Markup.Escape(o.InsuranceType)}"
                + (o.From is null ? "" : $" from {Date(o.From)}") + Markup.Escape(o.Messages.Count > 0 ? " - " + string.Join(" ", o.Messages) : ""));
        }

        foreach (var message in r.Messages)
        {
            console.MarkupLine($"[grey]Message:[/] {Markup.Escape(message)}");
        }
    }

    public static (string Label, string Colour) Status(CheckEligibilityResponse r) => r.Outcome switch
    {
        EligibilityOutcome.Active => ("ACTIVE", "green"),
        EligibilityOutcome.Inactive => ("INACTIVE", "red"),
        EligibilityOutcome.Rejected => ("REJECTED", "red"),
        EligibilityOutcome.PayerUnavailable => ("PAYER UNAVAILABLE", "yellow"),
        _ => ("UNKNOWN", "yellow"),
    };

    public static string ServiceTypes(IEnumerable<string> codes) => string.Join(", ", codes.Select(c => $"{c} {X12EligibilityCodes.ServiceType(c)}".Trim()));

    private static string Kind(BenefitKind kind) => kind switch
    {
        BenefitKind.Copay => "Copay",
        BenefitKind.Coinsurance => "Coinsurance",
        BenefitKind.Deductible => "Deductible",
        BenefitKind.OutOfPocket => "Out-of-pocket max",
        BenefitKind.Limitation => "Limitation",
        _ => "",
    };

    private static string Network(Network network) => network switch
    {
        Contracts.Eligibility.V1.Network.InNetwork => "in",
        Contracts.Eligibility.V1.Network.OutOfNetwork => "out",
        Contracts.Eligibility.V1.Network.Both => "either",
        _ => "",
    };

    private static string Period(BenefitAmount a) => a.Period switch
    {
        AmountPeriod.Remaining => "remaining",
        AmountPeriod.PerVisit => "per visit",
        _ => a.TimePeriodCode switch
        {
            "23" => "calendar year",
            "22" => "service year",
            "24" => "year to date",
            "32" => "lifetime",
            "" => "",
            var code => $"EB06 {code}",
        },
    };

    private static string Amount(BenefitAmount a) =>
        a.HasCents ? (a.Cents / 100m).ToString("$#,##0.00", CultureInfo.InvariantCulture)
        : a.HasBasisPoints ? (a.BasisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%"
        : a.Note;

    /// <summary>A contract date as every rcm table prints it (ISO 8601); empty when there is none.</summary>
    public static string Date(Google.Type.Date? d) => d is null ? "" : $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}";

    private static string Timestamp(Google.Protobuf.WellKnownTypes.Timestamp? t) =>
        t is null ? "" : t.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
