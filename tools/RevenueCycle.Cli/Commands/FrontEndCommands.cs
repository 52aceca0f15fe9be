using System.Globalization;
using RevenueCycle.Contracts.Eligibility.V1;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm front-end list | show | resolve</c>: the registrars' worklist of claims denied or rejected for a front-end reason.</summary>
public static class FrontEndCommands
{
    /// <summary><c>rcm front-end list [--resolved] [--json]</c>: open tasks, oldest first (resolved ones newest first).</summary>
    public static async Task<int> ListAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ListFrontEndTasksRequest { Status = arguments.Option("--resolved") is null ? FrontEndTaskStatus.Open : FrontEndTaskStatus.Resolved, PageSize = 200 };
        var page = await client.Eligibility.ListFrontEndTasksAsync(request, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.Json.Format(page));
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"{page.Tasks.Count} {(request.Status == FrontEndTaskStatus.Open ? "open" : "resolved")} front-end task{(page.Tasks.Count == 1 ? "" : "s")}")
            .AddColumns("Task", "Claim", "Payer", "Denied", "What the payer said then", "Opened");
        foreach (var t in page.Tasks)
        {
            table.AddRow(Markup.Escape(t.TaskId), Markup.Escape(t.ClaimId), Markup.Escape(t.PayerId), Markup.Escape(Denials(t)), Markup.Escape(t.KnownThen),
                t.CreatedAt?.ToDateTimeOffset().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
        }

        EligibilityView.Console(output).Write(table);
        return 0;
    }

    /// <summary><c>rcm front-end show TASK [--json]</c>: one task with its denials, what was known and what to do.</summary>
    public static async Task<int> ShowAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var task = await client.Eligibility.GetFrontEndTaskAsync(new GetFrontEndTaskRequest { TaskId = arguments.Positional(2, "the task id") }, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.Json.Format(task));
            return 0;
        }

        Write(EligibilityView.Console(output), task);
        return 0;
    }

    /// <summary>
    /// <c>rcm front-end resolve TASK [--coverage ID] [--authorization ID] [--note TEXT] [--json]</c>: the registrar's fix;
    /// submission sends the corrected claim.
    /// </summary>
    public static async Task<int> ResolveAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ResolveFrontEndTaskRequest
        {
            TaskId = arguments.Positional(2, "the task id"),
            CoverageId = arguments.Option("--coverage") ?? "",
            AuthorizationId = arguments.Option("--authorization") ?? "",
            Note = arguments.Option("--note") ?? "",
        };
        if (request.CoverageId.Length == 0 && request.AuthorizationId.Length == 0)
        {
            throw new UsageException("--coverage or --authorization is required: the fix names what the claim bills now");
        }

        var task = await client.Eligibility.ResolveFrontEndTaskAsync(request, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.Json.Format(task));
        }
        else
        {
            Write(EligibilityView.Console(output), task);
            EligibilityView.Console(output).MarkupLine("[green]Resolved:[/] submission sends the corrected claim with the next transmission.");
        }

        return 0;
    }

    private static void Write(IAnsiConsole console, FrontEndTask t)
    {
        console.MarkupLine($"[bold]{Markup.Escape(t.TaskId)}[/]  {(t.Status == FrontEndTaskStatus.Open ? "[yellow]OPEN[/]" : "[green]RESOLVED[/]")}");
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string value)
        {
            if (value.Length > 0)
            {
                grid.AddRow($"[grey]{name}[/]", Markup.Escape(value));
            }
        }

        Row("Claim", t.ClaimId);
        Row("Payer", $"{t.PayerId} {(t.PayerClaimControlNumber.Length > 0 ? "(claim " + t.PayerClaimControlNumber + ")" : "")}".Trim());
        Row("Patient", t.PatientId);
        Row("Coverage billed", t.CoverageId);
        Row("Denied", Denials(t));
        Row("Known then", t.KnownThen);
        Row("Snapshot", t.SnapshotId);
        Row("What to do", t.Guidance);
        Row("Resolution", t.Resolution);
        Row("Coverage now", t.CorrectedCoverageId);
        Row("Authorization", t.AuthorizationId);
        console.Write(grid);
    }

    private static string Denials(FrontEndTask t) => string.Join(", ", t.Denials.Select(d =>
        d.Source == "835" ? $"{d.GroupCode}-{d.ReasonCode} {d.Category}" + (d.ProcedureCode.Length > 0 ? $" on {d.ProcedureCode}" : "") : $"{d.Source} {d.ReasonCode}"));
}
