using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Contracts.Collections.V1;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm kpis [--from DATE --to DATE] [--by payer|provider|code|carc|week|month] [--payer ID] [--json]</c>: the claim-flow and A/R KPIs of a period (docs/KPIS.md).</summary>
public static class KpisCommands
{
    public static async Task<int> ShowAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new GetKpisRequest
        {
            From = arguments.Option("--from") ?? "", To = arguments.Option("--to") ?? "", By = arguments.Option("--by") ?? "", PayerId = arguments.Option("--payer") ?? "",
        };
        var kpis = await client.Collections.GetKpisAsync(request, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(kpis));
            return 0;
        }

        var console = EligibilityView.Console(output);
        console.MarkupLine($"[bold]KPIs[/] for claims first submitted {EligibilityView.Date(kpis.From)} to {EligibilityView.Date(kpis.To)}" +
            (kpis.PayerId.Length > 0 ? $", payer {Markup.Escape(kpis.PayerId)}" : "") + (kpis.By.Length > 0 ? $", by {Markup.Escape(kpis.By)}" : ""));
        // One row a KPI, one column a slice: the table grows down with the KPIs, across only with the slices.
        var table = new Table().Border(TableBorder.Rounded).AddColumn(kpis.By.Length > 0 ? kpis.By : "KPI");
        foreach (var f in kpis.Figures)
        {
            table.AddColumn(new TableColumn(Markup.Escape(f.Slice)).RightAligned());
        }

        (string Name, Func<KpiFigures, string> Cell)[] rows =
        [
            ("Claims", f => f.Claims.ToString(CultureInfo.InvariantCulture)),
            ("Clean claim rate: scrubber", f => Pct(f.CleanClaimScrubber)),
            ("Clean claim rate: accepted first time", f => Pct(f.CleanClaimAcceptance)),
            ("Clean claim rate: paid on first pass", f => Pct(f.CleanClaimFirstPassPaid)),
            ("Initial denial rate: claims", f => Pct(f.InitialDenialClaims)),
            ("Initial denial rate: dollars", f => Pct(f.InitialDenialDollars, money: true)),
            ("Initial denial rate: lines", f => Pct(f.InitialDenialLines)),
            ("Touchless claim rate", f => Pct(f.TouchlessClaims)),
            ("Days from encounter to claim", f => f.DaysEncounterToClaim.Value.ToString("0.0", CultureInfo.InvariantCulture)),
            ("Net patient service revenue", f => Money.Format(f.NetPatientServiceRevenueCents)),
            ("Net A/R", f => Money.Format(f.NetArCents)),
            ("Net days in A/R", f => f.NetDaysInAr.Value.ToString("0.0", CultureInfo.InvariantCulture)),
            ("A/R over 90 days", f => Pct(f.ArOver90Days, money: true)),
            ("Net collection rate", f => Pct(f.NetCollectionRate, money: true)),
            ("Final denial write-offs", f => Pct(f.FinalDenialWriteOffs, money: true)),
        ];
        foreach (var (name, cell) in rows)
        {
            table.AddRow([name, .. kpis.Figures.Select(cell)]);
        }

        console.Write(table);
        var all = kpis.Figures.Count == 1 ? kpis.Figures[0] : null;
        if (all is not null && all.DenialsByRootCause.Count > 0)
        {
            var denials = new Table().Border(TableBorder.Rounded).Title("Denials").AddColumns("Root cause", "Denials", "Denied");
            foreach (var d in all.DenialsByRootCause)
            {
                denials.AddRow(Markup.Escape(d.Key), d.Denials.ToString(CultureInfo.InvariantCulture), Money.Format(d.DeniedCents));
            }

            var carcs = new Table().Border(TableBorder.Rounded).Title("By CARC").AddColumns("CARC", "Denials", "Denied");
            foreach (var d in all.DenialsByCarc)
            {
                carcs.AddRow(Markup.Escape(d.Key), d.Denials.ToString(CultureInfo.InvariantCulture), Money.Format(d.DeniedCents));
            }

            console.Write(new Columns(denials, carcs));
        }

        return 0;
    }

    private static string Pct(Rate r, bool money = false) =>
        $"{(r.Denominator == 0 ? 0 : 100.0 * r.Numerator / r.Denominator).ToString("0.0", CultureInfo.InvariantCulture)}% ({(money ? Money.Format(r.Numerator) : r.Numerator.ToString(CultureInfo.InvariantCulture))}/" +
        $"{(money ? Money.Format(r.Denominator) : r.Denominator.ToString(CultureInfo.InvariantCulture))})";
}
