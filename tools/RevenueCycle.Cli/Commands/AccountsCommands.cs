using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Contracts.Collections.V1;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm accounts show | list</c>: guarantor accounts, their balances split insurance pending / patient due, and the ledger that explains them.</summary>
public static class AccountsCommands
{
    /// <summary><c>rcm accounts show ID [--json]</c>: balances, the claims on the account, and every ledger entry by service line.</summary>
    public static async Task<int> ShowAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var account = await client.Collections.GetAccountAsync(new GetAccountRequest { AccountId = arguments.Positional(2, "the account id") }, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(account));
            return 0;
        }

        var console = EligibilityView.Console(output);
        console.MarkupLine($"[bold]Account {Markup.Escape(account.AccountId)}[/]  patients: {Markup.Escape(string.Join(", ", account.PatientIds))}");
        if (account.HoldReason.Length > 0)
        {
            console.MarkupLine($"[yellow]On hold: {Markup.Escape(account.HoldReason.ToLowerInvariant().Replace('_', ' '))}[/] {Markup.Escape(account.HoldNote)}");
        }

        console.MarkupLine($"Patient due [bold]{Money.Format(account.PatientBalanceCents)}[/]   Insurance pending {Money.Format(account.InsurancePendingCents)}   Credit {Money.Format(account.CreditCents)}");
        CollectionCommands.Describe(console, account);

        var claims = new Table().Border(TableBorder.Rounded).Title("Claims")
            .AddColumns("Claim", "Patient", "Service date", "Charge", "Insurance paid", "Adjusted", "Patient share", "Patient paid", "Written off", "Patient due", "Insurance pending");
        foreach (var c in account.Claims)
        {
            claims.AddRow(Markup.Escape(c.ClaimId), Markup.Escape(c.PatientId), EligibilityView.Date(c.ServiceDate), Money.Format(c.ChargeCents), Money.Format(c.InsurancePaidCents),
                Money.Format(c.AdjustmentCents), Money.Format(c.PatientResponsibilityCents), Money.Format(c.PatientPaidCents), Money.Format(c.PatientWrittenOffCents), Money.Format(c.PatientBalanceCents),
                Money.Format(c.InsurancePendingCents) + (c.SecondaryExpected && c.PendingPatientResponsibilityCents > 0 ? " (held for the secondary)" : ""));
        }

        console.Write(claims);
        var ledger = new Table().Border(TableBorder.Rounded).Title("Ledger")
            .AddColumns("Date", "Claim", "Line", "Entry", "Payer", "Amount");
        foreach (var e in account.Ledger)
        {
            ledger.AddRow(e.At?.ToDateTimeOffset().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", Markup.Escape(e.ClaimId), Markup.Escape(e.LineItemControlNumber),
                Markup.Escape(Describe(e)), Markup.Escape(e.PayerId), Money.Format(e.AmountCents));
        }

        console.Write(ledger);
        return 0;
    }

    /// <summary><c>rcm accounts list [--patient ID] [--json]</c>: accounts with the latest activity first.</summary>
    public static async Task<int> ListAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ListAccountsRequest { PatientId = arguments.Option("--patient") ?? "", PageSize = 200, Credits = arguments.Option("--credits") is not null };
        var page = await client.Collections.ListAccountsAsync(request, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(page));
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"{page.Accounts.Count} account{(page.Accounts.Count == 1 ? "" : "s")}")
            .AddColumns("Account", "Patients", "Claims", "Patient due", "Insurance pending", "Credit", "Last activity");
        foreach (var a in page.Accounts)
        {
            table.AddRow(Markup.Escape(a.AccountId), Markup.Escape(string.Join(", ", a.PatientIds)), a.Claims.ToString(CultureInfo.InvariantCulture),
                Money.Format(a.PatientBalanceCents), Money.Format(a.InsurancePendingCents), Money.Format(a.CreditCents),
                a.LastActivity?.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "");
        }

        EligibilityView.Console(output).Write(table);
        return 0;
    }

    /// <summary><c>rcm accounts hold ID --reason dispute|financial-assistance|other [--note TEXT]</c> and <c>rcm accounts release ID</c>.</summary>
    public static async Task<int> HoldAsync(GatewayClient client, Arguments arguments, TextWriter output, bool release)
    {
        var request = new SetAccountHoldRequest
        {
            AccountId = arguments.Positional(2, "the account id"),
            Reason = release ? "" : arguments.Required("--reason").ToUpperInvariant().Replace('-', '_'),
            Note = arguments.Option("--note") ?? "",
        };
        var account = await client.Collections.SetAccountHoldAsync(request, GatewayClient.Deadline());
        await output.WriteLineAsync(release
            ? $"{account.AccountId}: hold released; statements and collection steps resume."
            : $"{account.AccountId}: on hold ({account.HoldReason.ToLowerInvariant().Replace('_', ' ')}); no statements or collection steps until released.");
        return 0;
    }

    private static string Describe(LedgerEntry e) => e.Kind switch
    {
        "CHARGE" => "charge",
        "INSURANCE_PAYMENT" => "insurance payment",
        "ADJUSTMENT" => "adjustment",
        "PATIENT_RESPONSIBILITY" => "to patient" + (e.Reason.Length > 0 ? ": " + e.Reason.ToLowerInvariant() : ""),
        "PATIENT_PAYMENT" => "patient payment" + (e.Reason.Length > 0 ? ": " + e.Reason : ""),
        "REFUND" => "refund" + (e.Reason.Length > 0 ? ": " + e.Reason : ""),
        "WRITE_OFF" => (e.AmountCents > 0 ? "write-off put back: " : "write-off: ") + e.Reason.ToLowerInvariant().Replace('_', ' '),
        "AGENCY_FEE" => "agency fee (not the patient's): " + e.Reason,
        var other => other.ToLowerInvariant(),
    };
}
