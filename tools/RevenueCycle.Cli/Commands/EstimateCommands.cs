using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Contracts.Eligibility.V1;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm estimate</c>: what the patient is expected to owe, from the payer's 271 and the fee schedule.</summary>
public static class EstimateCommands
{
    /// <summary>
    /// <c>rcm estimate (--coverage ID | --snapshot ID) [--dos DATE] [--px CODE[:MOD...][*UNITS][=ALLOWED_CENTS]]... [--allowed CENTS]
    /// [--service-type CODE] [--out-of-network] [--json]</c>.
    /// </summary>
    public static async Task<int> EstimateAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        if (arguments.Option("--self-pay") is { } file)
        {
            return await GoodFaithEstimateAsync(client, file, arguments, output);
        }

        var request = new EstimatePatientCostRequest
        {
            CoverageId = arguments.Option("--coverage") ?? "",
            SnapshotId = arguments.Option("--snapshot") ?? "",
            DateOfService = arguments.Option("--dos") is { } dos ? CodesCommands.ParseDate(dos)
                : arguments.Option("--snapshot") is null ? CodesCommands.ParseDate(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
            ServiceTypeCode = arguments.Option("--service-type") ?? "",
            Network = arguments.Option("--out-of-network") is null ? Network.InNetwork : Network.OutOfNetwork,
            AllowedCents = arguments.Option("--allowed") is { } allowed ? Cents(allowed, "--allowed") : 0,
        };
        if (request.CoverageId.Length == 0 && request.SnapshotId.Length == 0)
        {
            throw new UsageException("--coverage or --snapshot is required");
        }

        request.Services.AddRange(arguments.Options("--px").Select(Service));
        var estimate = await client.Eligibility.EstimatePatientCostAsync(request, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(estimate));
            return 0;
        }

        var console = EligibilityView.Console(output);
        console.MarkupLine($"[bold]Patient estimate: {Money.Format(estimate.PatientTotalCents)}[/]  (plan pays {Money.Format(estimate.PlanPaysCents)} of {Money.Format(estimate.AllowedCents)} allowed)");
        var lines = new Table().Border(TableBorder.Rounded).AddColumns("Service", "Units").AddColumn(new TableColumn("Allowed").RightAligned()).AddColumn("Basis");
        foreach (var l in estimate.Lines)
        {
            lines.AddRow(Markup.Escape(l.ProcedureCode.Length > 0 ? l.ProcedureCode : "(total)"), l.Units.ToString(CultureInfo.InvariantCulture), Money.Format(l.AllowedCents), Markup.Escape(l.Basis));
        }

        console.Write(lines);
        var parts = new Table().Border(TableBorder.Rounded).AddColumn("Patient share").AddColumn(new TableColumn("Amount").RightAligned());
        parts.AddRow("Copay", Money.Format(estimate.CopayCents));
        parts.AddRow("Deductible", Money.Format(estimate.DeductibleCents));
        parts.AddRow("Coinsurance", Money.Format(estimate.CoinsuranceCents));
        parts.AddRow("[bold]Total[/]", $"[bold]{Money.Format(estimate.PatientTotalCents)}[/]");
        console.Write(parts);
        console.MarkupLine($"[grey]Terms:[/] {Markup.Escape(estimate.TermsSource)}");
        foreach (var step in estimate.Steps)
        {
            console.MarkupLine($"  {Markup.Escape(step)}");
        }

        return 0;
    }

    /// <summary>
    /// <c>rcm estimate --self-pay FILE.json [--key KEY] [--json]</c>: a Good Faith Estimate for an uninsured or self-pay
    /// patient from a <c>CreateGoodFaithEstimateRequest</c> written as the contract's JSON (docs/examples/gfe.json).
    /// </summary>
    private static async Task<int> GoodFaithEstimateAsync(GatewayClient client, string file, Arguments arguments, TextWriter output)
    {
        var request = ClaimsCommands.ReadJson<CreateGoodFaithEstimateRequest>(file);
        if (arguments.Option("--key") is { } key)
        {
            request.IdempotencyKey = key;
        }

        var gfe = await client.Eligibility.CreateGoodFaithEstimateAsync(request, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.Json.Format(gfe));
            return 0;
        }

        var console = EligibilityView.Console(output);
        console.MarkupLine($"[bold]Good Faith Estimate {Markup.Escape(gfe.EstimateId)}[/] for {Markup.Escape($"{gfe.Patient.Name.First} {gfe.Patient.Name.Last}")}, born {EligibilityView.Date(gfe.Patient.DateOfBirth)}");
        console.MarkupLine($"{Markup.Escape(gfe.PrimaryService)}{(gfe.ScheduledDate is null ? "" : $", scheduled {EligibilityView.Date(gfe.ScheduledDate)}")}");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Provider", "NPI", "TIN", "Location", "Code", "Service", "Diagnoses", "Qty").AddColumn(new TableColumn("Expected charge").RightAligned());
        foreach (var i in gfe.Items)
        {
            table.AddRow(Markup.Escape(i.Provider.Name), i.Provider.Npi, i.Provider.TaxId, Markup.Escape(i.Provider.Location), Markup.Escape(i.ServiceCode),
                Markup.Escape(i.Description + (i.SeparatelyScheduled ? " (scheduled separately)" : "")), Markup.Escape(string.Join(" ", i.DiagnosisCodes)),
                i.Quantity.ToString(CultureInfo.InvariantCulture), Money.Format(i.ExpectedChargeCents));
        }

        table.AddRow("[bold]Total[/]", "", "", "", "", "", "", "", $"[bold]{Money.Format(gfe.TotalExpectedChargeCents)}[/]");
        console.Write(table);
        foreach (var i in gfe.Items.Where(i => i.ChargeBasis != "the provider's self-pay charge"))
        {
            console.MarkupLine($"[grey]{Markup.Escape(i.ServiceCode)}: charge from {Markup.Escape(i.ChargeBasis)}[/]");
        }

        foreach (var disclaimer in gfe.Disclaimers)
        {
            console.MarkupLine($"- {Markup.Escape(disclaimer)}");
        }

        console.MarkupLine($"[grey]Issued {gfe.IssuedAt.ToDateTimeOffset():yyyy-MM-dd}; {Markup.Escape(gfe.Timing)}{(gfe.DueBy is null ? "" : $", due by {EligibilityView.Date(gfe.DueBy)}")}.[/]");
        return 0;
    }


    /// <summary>CODE[:MOD[:MOD]][*UNITS][=ALLOWED_CENTS].</summary>
    private static EstimatedService Service(string text)
    {
        var (rest, allowed) = text.Split('=') is [var head, var cents] ? (head, (long?)Cents(cents, "--px " + text)) : (text, null);
        var (codes, units) = rest.Split('*') is [var c, var u] ? (c, uint.TryParse(u, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"--px {text}: units must be a whole number")) : (rest, 1u);
        var parts = codes.Split(':');
        var service = new EstimatedService { ProcedureCode = parts[0].Trim().ToUpperInvariant(), Units = units, PlaceOfService = "11" };
        service.Modifiers.AddRange(parts.Skip(1));
        if (allowed is { } value)
        {
            service.AllowedCents = value;
        }

        return service;
    }

    private static long Cents(string text, string option) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cents) ? cents : throw new UsageException($"{option}: '{text}' is not an amount in cents");
}
