using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using RevenueCycle.Contracts.Audit.V1;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm audit verify</c> and <c>rcm audit records</c>: the services' hash-chained audit trails (the audit scope).</summary>
public static class AuditCommands
{
    public static async Task<int> VerifyAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var services = arguments.Options("--service") is { Count: > 0 } named ? named : HealthCommand.Services;
        var results = new List<AuditVerification>();
        foreach (var service in services)
        {
            results.Add(await client.Audit.VerifyAuditTrailAsync(new VerifyAuditTrailRequest { Service = service }, GatewayClient.ForService(service)));
        }

        if (arguments.Option("--json") is not null)
        {
            foreach (var result in results)
            {
                await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(result));
            }
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Service", "Records", "Trail", "Head (write it down)");
            foreach (var r in results)
            {
                table.AddRow(
                    r.Service, r.Records.ToString(CultureInfo.InvariantCulture),
                    r.Intact ? "[green]intact[/]" : $"[red]BROKEN at record {r.FirstBadSequence}[/]: {Markup.Escape(r.Problem)}",
                    r.HeadSequence == 0 ? "(empty)" : $"#{r.HeadSequence} {r.HeadHash}");
            }

            EligibilityView.Console(output).Write(table);
        }

        return results.All(r => r.Intact) ? 0 : 1;
    }

    public static async Task<int> RecordsAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var service = arguments.Required("--service");
        var request = new ListAuditRecordsRequest
        {
            Service = service,
            PatientId = arguments.Option("--patient") ?? "",
            KeyId = arguments.Option("--key") ?? "",
            Client = arguments.Option("--client") ?? "",
            From = Time(arguments, "--from"),
            To = Time(arguments, "--to"),
            PageSize = arguments.Option("--max") is { } max ? int.Parse(max, CultureInfo.InvariantCulture) : 0,
        };
        var response = await client.Audit.ListAuditRecordsAsync(request, GatewayClient.ForService(service));
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.Json.Format(response));
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "At (UTC)", "Actor", "Key", "Scope", "Operation", "Outcome", "Records touched");
        foreach (var r in response.Records)
        {
            table.AddRow(
                r.Sequence.ToString(CultureInfo.InvariantCulture), r.At.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(r.Actor), r.KeyId, Markup.Escape(r.Scope), r.Operation[(r.Operation.LastIndexOf('/') + 1)..], r.Outcome,
                Markup.Escape(string.Join("; ", r.Resources.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key}={x.Value}"))));
        }

        EligibilityView.Console(output).Write(table);
        return 0;
    }


    private static Timestamp? Time(Arguments arguments, string name) => arguments.Option(name) is { } text
        ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? Timestamp.FromDateTimeOffset(at)
            : throw new UsageException($"{name}: '{text}' is not a date or time (2026-12-07 or 2026-12-07T09:30:00Z)")
        : null;
}
