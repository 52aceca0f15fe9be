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
        var table = new Table().Border(TableBorder.Rounded).AddColumn(kpis.By.Length > 0 ? kpis.By : "");
        string[] names = ["Claims", "Clean claim rate: scrubber", "Clean claim rate: accepted first time", "Clean claim rate: paid on first pass", "Initial denial rate: claims",
            "Initial denial rate: dollars", "Initial denial rate: lines", "Touchless claim rate", "Days from encounter to claim", "Net patient service revenue", "Net days in A/R",
            "A/R over 90 days", "Net collection rate", "Final denial write-offs"];
        foreach (var name in names)
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        foreach (var f in kpis.Figures)
        {
            table.AddRow([Markup.Escape(f.Slice), f.Claims.ToString(CultureInfo.InvariantCulture), Pct(f.CleanClaimScrubber), Pct(f.CleanClaimAcceptance), Pct(f.CleanClaimFirstPassPaid),
                Pct(f.InitialDenialClaims), Pct(f.InitialDenialDollars, money: true), Pct(f.InitialDenialLines), Pct(f.TouchlessClaims),
                f.DaysEncounterToClaim.Value.ToString("0.0", CultureInfo.InvariantCulture), Money.Format(f.NetPatientServiceRevenueCents),
                $"{f.NetDaysInAr.Value.ToString("0.0", CultureInfo.InvariantCulture)} (net A/R {Money.Format(f.NetArCents)})", Pct(f.ArOver90Days, money: true),
                Pct(f.NetCollectionRate, money: true), Pct(f.FinalDenialWriteOffs, money: true)]);
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
