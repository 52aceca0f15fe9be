using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Contracts.Collections.V1;
using Spectre.Console;

namespace RevenueCycle.Demo;

/// <summary>The readable report of a demo run: the batch, what each step did, the KPIs, and where to look next.</summary>
public static class DemoReport
{
    private static readonly Dictionary<char, string> Scenarios = new()
    {
        ['1'] = "clean pay", ['D'] = "deductible and coinsurance", ['X'] = "coding denial (CO-97), corrected", ['R'] = "277CA rejection, member id corrected",
        ['I'] = "coverage ended (CO-27), fixed", ['C'] = "another payer primary (CO-22), fixed", ['A'] = "authorization missing (CO-197), fixed",
        ['L'] = "filed late (CO-29), written off", ['P'] = "paid, earlier overpayment recouped", ['N'] = "pended by the payer", ['U'] = "payer unavailable at eligibility", ['T'] = "payer silent at eligibility (timeout)",
    };

    public static void Render(IAnsiConsole console, DemoResult result, Uri? dashboard = null)
    {
        var batch = result.Batch;
        console.WriteLine();
        console.Write(new Rule($"[bold]Demo batch[/]: {result.Encounters} encounters, seed {result.Seed}, in {result.Elapsed.TotalSeconds:0.0} s").LeftJustified());
        console.MarkupLine($"Synthetic patients (no real person), {batch.Select(e => e.Specialty).Distinct().Count()} specialties " +
            $"({Markup.Escape(string.Join(", ", batch.Select(e => e.Specialty).Distinct().Order(StringComparer.Ordinal)))}), dates of service " +
            $"{batch.Min(e => e.ServiceDate):yyyy-MM-dd} to {batch.Max(e => e.ServiceDate):yyyy-MM-dd}.");

        var mix = new Table().Border(TableBorder.Rounded).Title("Scenario mix (payer sandbox)").AddColumns("Member id ends in", "Story", "Encounters");
        foreach (var group in batch.GroupBy(e => e.Scenario).OrderByDescending(g => g.Count()))
        {
            mix.AddRow(group.Key.ToString(), Scenarios.GetValueOrDefault(group.Key, "?"), N(group.Count()));
        }

        var path = new Table().Border(TableBorder.Rounded).Title("The path").AddColumns("Step", "What happened");
        path.AddRow("Eligibility (270/271)", Outcomes(result, "eligibility"));
        path.AddRow("Code suggestion", result.GoldDiagnoses == 0 ? "-" :
            $"{Pct(result.SuggestionHits, result.GoldDiagnoses)} of the coders' diagnoses suggested first, {Pct(result.SuggestionRecallHits, result.GoldDiagnoses)} in the top 10");
        path.AddRow("Coding", Outcomes(result, "coding"));
        path.AddRow("Scrubber (NCCI, MUE, payer rules)", Outcomes(result, "scrubber"));
        path.AddRow("Clearinghouse", $"{N(result.Interchanges)} 837 interchanges out; {N(result.Acknowledgments999)} 999, {N(result.ClaimAcknowledgments277Ca)} 277CA, " +
            $"{N(result.StatusResponses277)} 277, {N(result.Remittances835)} 835 in" + (result.RemittancesRefused > 0 ? $" ({N(result.RemittancesRefused)} more refused by posting)" : ""));
        path.AddRow("Denials worked", Outcomes(result, "worked"));
        path.AddRow("Patient statements", $"{N(result.Statements)} issued for {Money.Format(result.StatementCents)}");
        path.AddRow("Patient payments", $"{N(result.PatientPayments)} recorded for {Money.Format(result.PatientPaidCents)}");
        console.Write(new Columns(mix, path));

        var all = result.Kpis.Figures.FirstOrDefault() ?? new KpiFigures();
        var kpis = new Table().Border(TableBorder.Rounded).Title($"KPIs, claims first submitted {result.From:yyyy-MM-dd} to {result.To:yyyy-MM-dd} (docs/KPIS.md)")
            .AddColumns("KPI", "Value", "Of");
        kpis.AddRow("Claims", N(all.Claims), "");
        Rate(kpis, "Clean claim rate: scrubber", all.CleanClaimScrubber);
        Rate(kpis, "Clean claim rate: accepted first time", all.CleanClaimAcceptance);
        Rate(kpis, "Clean claim rate: paid on first pass", all.CleanClaimFirstPassPaid);
        Rate(kpis, "Initial denial rate: claims", all.InitialDenialClaims);
        Rate(kpis, "Initial denial rate: dollars", all.InitialDenialDollars, money: true);
        Rate(kpis, "Initial denial rate: lines", all.InitialDenialLines);
        Rate(kpis, "Touchless claim rate", all.TouchlessClaims);
        kpis.AddRow("Days from encounter to claim", (all.DaysEncounterToClaim?.Value ?? 0).ToString("0.0", CultureInfo.InvariantCulture), "");
        kpis.AddRow("Net patient service revenue", Money.Format(all.NetPatientServiceRevenueCents), "charges less contractual adjustments and charity");
        kpis.AddRow("Net days in A/R", (all.NetDaysInAr?.Value ?? 0).ToString("0.0", CultureInfo.InvariantCulture), $"net A/R {Money.Format(all.NetArCents)}");
        Rate(kpis, "A/R over 90 days", all.ArOver90Days, money: true);
        Rate(kpis, "Net collection rate", all.NetCollectionRate, money: true);
        Rate(kpis, "Final denial write-offs", all.FinalDenialWriteOffs, money: true, of: " net revenue");
        console.Write(kpis);

        var causes = new Table().Border(TableBorder.Rounded).Title("Denials by root cause").AddColumns("Root cause", "Denials", "Denied");
        foreach (var d in all.DenialsByRootCause)
        {
            causes.AddRow(Markup.Escape(d.Key), N(d.Denials), Money.Format(d.DeniedCents));
        }

        var carcs = new Table().Border(TableBorder.Rounded).Title("By CARC").AddColumns("CARC", "Denials", "Denied");
        foreach (var d in all.DenialsByCarc)
        {
            carcs.AddRow(Markup.Escape(d.Key), N(d.Denials), Money.Format(d.DeniedCents));
        }

        console.Write(new Columns(causes, carcs));
        var example = batch.FirstOrDefault(e => e.Scenario == 'X') ?? batch[0];
        console.MarkupLine("[bold]Where to look next[/]");
        if (dashboard is not null)
        {
            console.MarkupLine($"  the dashboard          {Markup.Escape(dashboard.ToString())} (the API key above)");
        }

        console.MarkupLine(Markup.Escape($"  the same KPIs          ./rcm kpis --from {result.From:yyyy-MM-dd} --to {result.To:yyyy-MM-dd} [--by payer|provider|code|carc]"));
        console.MarkupLine($"  a claim's story        ./rcm claims status {Markup.Escape(example.ClaimId)}");
        console.MarkupLine("  worklists              ./rcm denials worklist --owner billing | ./rcm corrections list | ./rcm front-end list | ./rcm claims rejected");
        console.MarkupLine($"  an account             ./rcm accounts show {Markup.Escape(example.Patient.AccountId)}");
    }

    private static string Outcomes(DemoResult result, string step)
    {
        var counts = result.Counts(step);
        return counts.Count == 0 ? "-" : Markup.Escape(string.Join("; ", counts.Select(c => $"{c.Outcome} {c.Count.ToString(CultureInfo.InvariantCulture)}")));
    }

    private static void Rate(Table table, string name, Rate? rate, bool money = false, string of = "")
    {
        rate ??= new Rate();
        table.AddRow(name, Pct(rate.Numerator, rate.Denominator),
            (money ? $"{Money.Format(rate.Numerator)} of {Money.Format(rate.Denominator)}" : $"{N(rate.Numerator)} of {N(rate.Denominator)}") + of);
    }

    private static string Pct(long numerator, long denominator) =>
        denominator == 0 ? "0%" : $"{(100.0 * numerator / denominator).ToString("0.0", CultureInfo.InvariantCulture)}%";

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
