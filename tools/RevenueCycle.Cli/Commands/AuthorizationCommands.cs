using System.Globalization;
using RevenueCycle.Contracts.Eligibility.V1;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm auth add | list</c>: the authorizations and referrals payers granted, with the units claims have used.</summary>
public static class AuthorizationCommands
{
    /// <summary>
    /// <c>rcm auth add --patient ID --payer ID --number N --codes CODE[,FROM-TO...] --units N --from DATE --to DATE
    /// [--referral] [--coverage ID] [--key KEY] [--json]</c>: records an authorization (a retry with the same key records nothing new).
    /// </summary>
    public static async Task<int> AddAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var authorization = new Authorization
        {
            Kind = arguments.Option("--referral") is null ? AuthorizationKind.PriorAuthorization : AuthorizationKind.Referral,
            Number = arguments.Required("--number"),
            PayerId = arguments.Required("--payer"),
            PatientId = arguments.Required("--patient"),
            CoverageId = arguments.Option("--coverage") ?? "",
            UnitsApproved = int.TryParse(arguments.Required("--units"), NumberStyles.None, CultureInfo.InvariantCulture, out var units) ? units : throw new UsageException("--units must be a whole number"),
            From = CodesCommands.ParseDate(arguments.Required("--from")),
            To = CodesCommands.ParseDate(arguments.Required("--to")),
        };
        authorization.ProcedureCodes.AddRange(arguments.Options("--codes").SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        var key = arguments.Option("--key") ?? $"auth-{authorization.PayerId}-{authorization.Number}-{authorization.PatientId}";
        var created = await client.Eligibility.CreateAuthorizationAsync(new CreateAuthorizationRequest { IdempotencyKey = key, Authorization = authorization }, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.Json.Format(created));
        }
        else
        {
            Write(EligibilityView.Console(output), [created], $"Recorded {created.AuthorizationId}");
        }

        return 0;
    }

    /// <summary><c>rcm auth list PATIENT [--json]</c>: the patient's authorizations, newest first, with units used and left.</summary>
    public static async Task<int> ListAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var patient = arguments.Positional(2, "the patient id");
        var list = await client.Eligibility.ListAuthorizationsAsync(new ListAuthorizationsRequest { PatientId = patient }, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(list));
        }
        else
        {
            Write(EligibilityView.Console(output), list.Authorizations, $"Authorizations of {patient}");
        }

        return 0;
    }

    private static void Write(IAnsiConsole console, IEnumerable<Authorization> authorizations, string title)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumns("Number", "Kind", "Payer", "Codes", "Valid")
            .AddColumn(new TableColumn("Approved").RightAligned()).AddColumn(new TableColumn("Used").RightAligned()).AddColumn(new TableColumn("Left").RightAligned())
            .AddColumn("Id");
        foreach (var a in authorizations)
        {
            table.AddRow(Markup.Escape(a.Number), a.Kind == AuthorizationKind.Referral ? "referral" : "prior auth", Markup.Escape(a.PayerId), Markup.Escape(string.Join(", ", a.ProcedureCodes)),
                $"{EligibilityView.Date(a.From)} to {EligibilityView.Date(a.To)}", a.UnitsApproved.ToString(CultureInfo.InvariantCulture), a.UnitsUsed.ToString(CultureInfo.InvariantCulture),
                a.UnitsLeft == 0 ? "[red]0[/]" : a.UnitsLeft.ToString(CultureInfo.InvariantCulture), Markup.Escape(a.AuthorizationId));
        }

        console.Write(table);
    }
}
