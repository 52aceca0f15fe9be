using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Contracts.Collections.V1;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm statements run | show | pdf</c>: patient statements for what the payers are done with.</summary>
public static class StatementsCommands
{
    /// <summary><c>rcm statements run [--json]</c>: issues today's statements; how many, for how much, and why accounts were passed over.</summary>
    public static async Task<int> RunAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var run = await client.Collections.RunStatementsAsync(new RunStatementsRequest(), GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(run));
            return 0;
        }

        var console = EligibilityView.Console(output);
        console.MarkupLine($"[bold]Statement run {Markup.Escape(run.RunId)}[/]: {run.StatementIds.Count} statement{(run.StatementIds.Count == 1 ? "" : "s")} for {Money.Format(run.TotalDueCents)}");
        foreach (var id in run.StatementIds)
        {
            console.WriteLine("  " + id);
        }

        foreach (var (reason, count) in run.Skipped.OrderByDescending(s => s.Value))
        {
            console.WriteLine($"  passed over {count.ToString(CultureInfo.InvariantCulture)}: {reason}");
        }

        return 0;
    }

    /// <summary><c>rcm statements show ID [--json]</c>: the statement as the patient gets it, line by date of service.</summary>
    public static async Task<int> ShowAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var statement = await client.Collections.GetStatementAsync(new GetStatementRequest { StatementId = arguments.Positional(2, "the statement id") }, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(statement));
            return 0;
        }

        var console = EligibilityView.Console(output);
        console.MarkupLine($"[bold]Statement {Markup.Escape(statement.StatementId)}[/]  account {Markup.Escape(statement.AccountId)}  issued {EligibilityView.Date(statement.IssuedOn)}  due {EligibilityView.Date(statement.DueOn)}");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Date of service", "Claim", "Charges", "Insurance paid", "Adjustments", "Patient paid", "Due");
        foreach (var l in statement.Lines)
        {
            table.AddRow(EligibilityView.Date(l.ServiceDate), Markup.Escape(l.ClaimId), Money.Format(l.ChargeCents), Money.Format(l.InsurancePaidCents), Money.Format(l.AdjustmentCents),
                Money.Format(l.PatientPaidCents), Money.Format(l.DueCents));
        }

        console.Write(table);
        console.MarkupLine($"[bold]Amount due {Money.Format(statement.AmountDueCents)}[/]");
        return 0;
    }

    /// <summary><c>rcm statements pdf ID --out FILE</c>: writes the statement's PDF.</summary>
    public static async Task<int> PdfAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var id = arguments.Positional(2, "the statement id");
        var file = arguments.Required("--out");
        var document = await client.Collections.GetStatementPdfAsync(new GetStatementRequest { StatementId = id }, GatewayClient.Deadline());
        await File.WriteAllBytesAsync(file, document.Content.ToByteArray());
        await output.WriteLineAsync($"{file}: {document.Content.Length.ToString(CultureInfo.InvariantCulture)} bytes");
        return 0;
    }

}

/// <summary><c>rcm aging [--json]</c>: receivables by age, patient and insurance side by side.</summary>
public static class AgingCommands
{
    public static async Task<int> ShowAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var aging = await client.Collections.GetAgingAsync(new GetAgingRequest(), GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(aging));
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Aging as of {EligibilityView.Date(aging.AsOf)} ({aging.Accounts.ToString(CultureInfo.InvariantCulture)} accounts)")
            .AddColumns("Days", "Patient (from first statement)", "Insurance (from submission)");
        foreach (var b in aging.Buckets)
        {
            table.AddRow(b.Days, Money.Format(b.PatientCents), Money.Format(b.InsuranceCents));
        }

        table.AddRow("[bold]total[/]", Money.Format(aging.Buckets.Sum(b => b.PatientCents)), Money.Format(aging.Buckets.Sum(b => b.InsuranceCents)));
        var console = EligibilityView.Console(output);
        console.Write(table);
        console.WriteLine($"Patient balances not yet on a statement: {Money.Format(aging.PatientNotYetStatementedCents)}");
        return 0;
    }
}
