using System.Globalization;
using Grpc.Core;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Eligibility.Domain.Rules;
using RevenueCycle.Eligibility.Mapping;
using RevenueCycle.ReferenceData.Io;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm eligibility check | batch | read | cob | snapshot</c>: a readable table by default, <c>--json</c> for scripts.</summary>
public static class EligibilityCommands
{
    /// <summary>Columns of a batch file (CSV with a header): reference, and payer_id with member_id or coverage_id; a blank date of service is today.</summary>
    public static readonly string[] BatchColumns =
    [
        "reference", "payer_id", "member_id", "last_name", "first_name", "date_of_birth", "sex", "date_of_service", "service_types",
        "dependent_last_name", "dependent_first_name", "dependent_date_of_birth", "dependent_sex", "coverage_id", "patient_id",
    ];

    private const int RowsPerRequest = 1_000;

    /// <summary>
    /// <c>rcm eligibility check (--payer ID --member ID [--last NAME --first NAME --dob DATE --sex f|m] | --coverage ID)
    /// [--dependent-last NAME --dependent-first NAME --dependent-dob DATE] [--service-type CODE]... [--dos DATE] [--json]</c>:
    /// asks the payer through the eligibility service. Exit 0 when coverage is active, 1 otherwise.
    /// </summary>
    public static async Task<int> CheckAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new CheckEligibilityRequest
        {
            CoverageId = arguments.Option("--coverage") ?? "",
            DateOfService = CodesCommands.ParseDate(arguments.Option("--dos") ?? DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            PatientId = arguments.Option("--patient") ?? "",
        };
        if (request.CoverageId.Length == 0)
        {
            request.PayerId = arguments.Required("--payer");
            request.Subscriber = new Subscriber
            {
                MemberId = arguments.Required("--member"),
                Name = new PersonName { Last = arguments.Option("--last") ?? "", First = arguments.Option("--first") ?? "" },
                DateOfBirth = arguments.Option("--dob") is { } dob ? CodesCommands.ParseDate(dob) : null,
                Sex = Sex(arguments.Option("--sex") ?? ""),
            };
        }

        if (arguments.Option("--dependent-last") is { } dependentLast)
        {
            request.Dependent = new Dependent
            {
                Name = new PersonName { Last = dependentLast, First = arguments.Required("--dependent-first") },
                DateOfBirth = arguments.Option("--dependent-dob") is { } dob ? CodesCommands.ParseDate(dob) : null,
                Sex = Sex(arguments.Option("--dependent-sex") ?? ""),
            };
        }

        request.ServiceTypeCodes.AddRange(arguments.Options("--service-type").SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        request.ProcedureCodes.AddRange(arguments.Options("--procedure"));
        var answer = await client.Eligibility.CheckEligibilityAsync(request, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60)));
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.Json.Format(answer));
        }
        else
        {
            EligibilityView.Write(EligibilityView.Console(output), answer);
        }

        return answer.Outcome == EligibilityOutcome.Active && !answer.Stale ? 0 : 1;
    }

    /// <summary>
    /// <c>rcm eligibility read FILE.271 [--json]</c>: the benefit snapshot each answer of a 271 file gives, offline (no
    /// server), as the service would answer. Exit 1 when the file cannot be read (its located problems are printed).
    /// </summary>
    public static async Task<int> ReadAsync(Arguments arguments, TextWriter output)
    {
        var path = arguments.Positional(2, "the 271 file");
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist");
        }

        var read = EligibilityExchangeFiles.Read(await File.ReadAllTextAsync(path));
        var json = arguments.Option("--json") is not null;
        if (read.Problems.Count > 0)
        {
            await output.WriteLineAsync($"{path}: not read ({read.Problems.Count} problem{(read.Problems.Count == 1 ? "" : "s")})");
            foreach (var problem in read.Problems)
            {
                await output.WriteLineAsync("  " + problem);
            }

            return 1;
        }

        var answers = read.Answers.Select(a =>
        {
            var proto = a.Result.ToProto();
            proto.TraceNumber = a.Answer?.TraceNumber ?? "";
            return (a.Answer, Proto: proto);
        }).ToList();
        if (json)
        {
            await output.WriteLineAsync("[" + string.Join(",\n", answers.Select(a => GatewayClient.Json.Format(a.Proto))) + "]");
            return 0;
        }

        var console = EligibilityView.Console(output);
        foreach (var warning in read.Warnings)
        {
            console.MarkupLine($"[yellow]{Markup.Escape(warning)}[/]");
        }

        foreach (var (answer, proto) in answers)
        {
            var who = answer is null ? "" : answer.Dependent is { } d ? $"Dependent {d.First} {d.Last} of member {answer.Subscriber.MemberId}" : $"Member {answer.Subscriber.MemberId}";
            EligibilityView.Write(console, proto, who);
            console.WriteLine();
        }

        return 0;
    }

    /// <summary>
    /// <c>rcm eligibility batch FILE.csv [--concurrency N] [--json]</c>: checks every row (an appointment) through the
    /// service, 1,000 rows a request, answers streamed; progress on stderr; a summary and the rows that need a
    /// registrar (inactive, rejected, payer unavailable, other coverage, authorization, errors), or one JSON line per
    /// row with <c>--json</c>. Exit 0 when every row is active, 1 otherwise.
    /// </summary>
    public static async Task<int> BatchAsync(GatewayClient client, Arguments arguments, TextWriter output, TextWriter error)
    {
        var path = arguments.Positional(2, "the schedule file (CSV)");
        var rows = ReadSchedule(path);
        var concurrency = int.TryParse(arguments.Option("--concurrency") ?? "8", NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 1 and <= 32
            ? c : throw new UsageException("--concurrency must be 1 to 32");
        var json = arguments.Option("--json") is not null;
        var results = new List<CheckEligibilityBatchResult>(rows.Count);
        await WithProgressAsync(rows.Count, error, async advance =>
        {
            for (var start = 0; start < rows.Count; start += RowsPerRequest)
            {
                var request = new CheckEligibilityBatchRequest { Concurrency = concurrency };
                request.Rows.AddRange(rows.Skip(start).Take(RowsPerRequest));
                using var call = client.Eligibility.CheckEligibilityBatch(request, new CallOptions(deadline: DateTime.UtcNow.AddMinutes(30)));
                await foreach (var result in call.ResponseStream.ReadAllAsync())
                {
                    result.Index += start;
                    results.Add(result);
                    if (json)
                    {
                        await output.WriteLineAsync(Google.Protobuf.JsonFormatter.Default.Format(result));
                    }

                    advance();
                }
            }
        });

        var attention = results.Where(NeedsAttention).OrderBy(r => r.Index).ToList();
        if (!json)
        {
            WriteSummary(EligibilityView.Console(output), results, attention);
        }

        return attention.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>rcm eligibility cob PATIENT [--dos DATE] [--accident none|employment|auto|other] [--json]</c>: the order the
    /// patient's coverages pay in, with the rule behind each place; exit 1 when a registrar must resolve something.
    /// </summary>
    public static async Task<int> CobAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new GetCoordinationOfBenefitsRequest
        {
            PatientId = arguments.Positional(2, "the patient id"),
            DateOfService = CodesCommands.ParseDate(arguments.Option("--dos") ?? DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            Accident = (arguments.Option("--accident") ?? "none").ToLowerInvariant() switch
            {
                "none" => Accident.None,
                "employment" or "work" => Accident.Employment,
                "auto" => Accident.Auto,
                "other" => Accident.Other,
                var other => throw new UsageException($"--accident '{other}' must be none, employment, auto or other"),
            },
        };
        var cob = await client.Eligibility.GetCoordinationOfBenefitsAsync(request, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.Json.Format(cob));
            return cob.Findings.Count == 0 ? 0 : 1;
        }

        var console = EligibilityView.Console(output);
        var table = new Table().Border(TableBorder.Rounded).Title($"Coordination of benefits for {Markup.Escape(request.PatientId)}")
            .AddColumns("#", "SBR01", "Payer", "Coverage", "Kind", "Why this place");
        foreach (var o in cob.Order)
        {
            table.AddRow(o.Position.ToString(CultureInfo.InvariantCulture), o.PayerResponsibility, Markup.Escape($"{o.Coverage.Payer.PayerId} {o.Coverage.Payer.Name}".Trim()),
                Markup.Escape(o.Coverage.CoverageId), Markup.Escape(o.Coverage.Cob?.Kind.ToString() ?? ""), Markup.Escape(o.Reason));
        }

        console.Write(table);
        foreach (var e in cob.Excluded)
        {
            console.MarkupLine($"[grey]Not billed:[/] {Markup.Escape($"{e.Coverage.Payer.PayerId} {e.Coverage.CoverageId}")} - {Markup.Escape(e.Reason)}");
        }

        foreach (var finding in cob.Findings)
        {
            console.MarkupLine($"[yellow]Front desk:[/] {Markup.Escape(finding)}");
        }

        return cob.Findings.Count == 0 ? 0 : 1;
    }

    /// <summary><c>rcm eligibility snapshot ID [--raw]</c>: a stored answer (with <c>--raw</c>, the 271 it was read from).</summary>
    public static async Task<int> SnapshotAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var snapshot = await client.Eligibility.GetEligibilitySnapshotAsync(new GetEligibilitySnapshotRequest { SnapshotId = arguments.Positional(2, "the snapshot id") }, GatewayClient.Deadline());
        if (arguments.Option("--raw") is not null)
        {
            await output.WriteLineAsync(snapshot.Raw271);
        }
        else if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.Json.Format(snapshot));
        }
        else
        {
            EligibilityView.Write(EligibilityView.Console(output), snapshot.Answer, $"Snapshot for {EligibilityView.Date(snapshot.DateOfService)}");
        }

        return 0;
    }

    /// <summary>The schedule's rows as batch rows; a bad header or an unreadable date stops with the line and column.</summary>
    public static List<EligibilityBatchRow> ReadSchedule(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist");
        }

        try
        {
            using var csv = CsvFile.Open(path);
            var unknown = csv.Header.Where(h => !BatchColumns.Contains(h.Trim())).ToList();
            if (unknown.Count > 0 || !csv.Header.Contains("reference"))
            {
                throw new UsageException($"{path}: line 1: the header must name 'reference' and only these columns: {string.Join(", ", BatchColumns)}" +
                    (unknown.Count > 0 ? $" (unknown: {string.Join(", ", unknown)})" : ""));
            }

            var columns = csv.Header.Select((h, i) => (h.Trim(), i)).ToDictionary(x => x.Item1, x => x.i);
            var rows = new List<EligibilityBatchRow>();
            foreach (var (line, fields) in csv.Rows())
            {
                string Field(string name) => columns.TryGetValue(name, out var i) && i < fields.Length ? fields[i].Trim() : "";
                Google.Type.Date? Date(string name) =>
                    Field(name) is { Length: > 0 } text
                        ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                            ? new Google.Type.Date { Year = d.Year, Month = d.Month, Day = d.Day }
                            : throw new UsageException($"{path}: line {line}: {name} '{text}' is not a date (YYYY-MM-DD)")
                        : null;
                var check = new CheckEligibilityRequest
                {
                    CoverageId = Field("coverage_id"),
                    PayerId = Field("payer_id"),
                    DateOfService = Date("date_of_service") ?? CodesCommands.ParseDate(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), // blank: today
                    PatientId = Field("patient_id"),
                };
                if (Field("member_id").Length > 0 || check.CoverageId.Length == 0)
                {
                    check.Subscriber = new Subscriber
                    {
                        MemberId = Field("member_id"),
                        Name = new PersonName { Last = Field("last_name"), First = Field("first_name") },
                        DateOfBirth = Date("date_of_birth"),
                        Sex = Sex(Field("sex")),
                    };
                }

                if (Field("dependent_last_name").Length > 0)
                {
                    check.Dependent = new Dependent
                    {
                        Name = new PersonName { Last = Field("dependent_last_name"), First = Field("dependent_first_name") },
                        DateOfBirth = Date("dependent_date_of_birth"),
                        Sex = Sex(Field("dependent_sex")),
                    };
                }

                check.ServiceTypeCodes.AddRange(Field("service_types").Split([' ', ';'], StringSplitOptions.RemoveEmptyEntries));
                rows.Add(new EligibilityBatchRow { Reference = Field("reference"), Check = check });
            }

            return rows.Count > 0 ? rows : throw new UsageException($"{path}: the file has no rows");
        }
        catch (ReferenceDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static bool NeedsAttention(CheckEligibilityBatchResult r) =>
        r.Answer is not { } a || a.Outcome != EligibilityOutcome.Active || a.Stale || a.OtherCoverage.Count > 0 || a.AuthorizationRequiredServiceTypes.Count > 0;

    private static void WriteSummary(IAnsiConsole console, List<CheckEligibilityBatchResult> results, List<CheckEligibilityBatchResult> attention)
    {
        var counts = new Table().Border(TableBorder.Rounded).Title($"{results.Count} appointments checked").AddColumn("Answer").AddColumn(new TableColumn("Rows").RightAligned());
        foreach (var group in results.GroupBy(r => r.Answer is null ? "NOT ASKED (row error)" : EligibilityView.Status(r.Answer).Label + (r.Answer.Stale ? " (stale)" : ""))
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            counts.AddRow(Markup.Escape(group.Key), group.Count().ToString(CultureInfo.InvariantCulture));
        }

        counts.AddRow("[grey]answered from stored snapshots[/]", results.Count(r => r.Answer?.FromCache == true).ToString(CultureInfo.InvariantCulture));
        console.Write(counts);
        if (attention.Count == 0)
        {
            console.MarkupLine("[green]Every appointment has active coverage.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"{attention.Count} need a registrar").AddColumns("Row", "Reference", "Answer", "Why");
        foreach (var r in attention)
        {
            var why = r.Answer is not { } a ? string.Join("; ", r.Errors.Select(e => $"{e.Field}: {e.Description}"))
                : string.Join("; ", new[]
                {
                    a.Reason,
                    a.OtherCoverage.Count > 0 ? "other coverage: " + string.Join(", ", a.OtherCoverage.Select(o => $"{o.PayerName} {o.Priority}".Trim())) : "",
                    a.AuthorizationRequiredServiceTypes.Count > 0 ? "authorization required: " + EligibilityView.ServiceTypes(a.AuthorizationRequiredServiceTypes) : "",
                }.Where(s => s.Length > 0));
            table.AddRow((r.Index + 2).ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Reference), r.Answer is null ? "error" : EligibilityView.Status(r.Answer).Label, Markup.Escape(why));
        }

        console.Write(table);
        console.MarkupLine("[grey]Row is the line in the file.[/]");
    }

    private static Sex Sex(string text) => text.Trim().ToLowerInvariant() switch
    {
        "" => Contracts.Common.V1.Sex.Unspecified,
        "f" or "female" => Contracts.Common.V1.Sex.Female,
        "m" or "male" => Contracts.Common.V1.Sex.Male,
        "u" or "unknown" => Contracts.Common.V1.Sex.Unknown,
        _ => throw new UsageException($"sex '{text}' must be f, m or u"),
    };

    /// <summary>Progress on stderr: Spectre.Console's live bar on a terminal, otherwise a line every tenth of the way (logs, CI).</summary>
    private static async Task WithProgressAsync(int total, TextWriter error, Func<Action, Task> work)
    {
        if (ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await console.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"checking {total} appointments", maxValue: total);
                    await work(() => task.Increment(1));
                });
            return;
        }

        var done = 0;
        var reported = 0;
        await work(() =>
        {
            done++;
            if (done * 10 / total > reported)
            {
                reported = done * 10 / total;
                error.WriteLine($"rcm: checked {done} of {total}");
            }
        });
    }
}
