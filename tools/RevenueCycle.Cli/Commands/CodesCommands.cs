using System.Globalization;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Common.V1;

namespace RevenueCycle.Cli.Commands;

public static class CodesCommands
{
    /// <summary><c>rcm codes validate --dos 2026-03-02 --dx E11.9,I10 --px 99213:25*1@1,2 [--age 58] [--sex f] [--payer 12345]</c></summary>
    public static async Task<int> ValidateAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ValidateCodesRequest { DateOfService = ParseDate(arguments.Required("--dos")), PayerId = arguments.Option("--payer") ?? "" };
        if (arguments.Option("--age") is { } age)
        {
            request.PatientAgeYears = uint.TryParse(age, NumberStyles.None, CultureInfo.InvariantCulture, out var years) ? years : throw new UsageException($"bad age '{age}'");
        }

        request.PatientSex = arguments.Option("--sex")?.ToLowerInvariant() switch
        {
            null => Sex.Unspecified,
            "f" or "female" => Sex.Female,
            "m" or "male" => Sex.Male,
            "u" or "unknown" => Sex.Unknown,
            var other => throw new UsageException($"bad sex '{other}' (f, m or u)"),
        };
        request.Diagnoses.AddRange(arguments.Options("--dx").SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(code => new Diagnosis { Code = code }));
        request.Procedures.AddRange(arguments.Options("--px").Select(ParseProcedure));
        var response = await client.Coding.ValidateCodesAsync(request, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(response));
        return response.Valid ? 0 : 1;
    }

    /// <summary><c>rcm codes sets</c> and <c>rcm codes reload</c>: the editions in force, or reload the reference directory now.</summary>
    public static async Task<int> CodeSetsAsync(GatewayClient client, bool reload, TextWriter output)
    {
        var response = reload
            ? await client.Coding.ReloadCodeSetsAsync(new ReloadCodeSetsRequest(), GatewayClient.Deadline())
            : await client.Coding.ListCodeSetsAsync(new ListCodeSetsRequest(), GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(response));
        return response.LastError.Length == 0 ? 0 : 1;
    }

    public static async Task<int> ListCorrectionsAsync(GatewayClient client, TextWriter output)
    {
        var response = await client.Coding.ListCorrectionTasksAsync(new ListCorrectionTasksRequest { Status = CorrectionStatus.Open }, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(response));
        return 0;
    }

    /// <summary>
    /// <c>rcm corrections complete TASK_ID --line LICN=CODE[:MOD...][*UNITS][@PTR,...] ... [--dx CODE,...] [--key KEY] [--actor NAME]</c>:
    /// records the coder's fix; coding publishes coding-corrected and submission sends the corrected claim.
    /// </summary>
    public static async Task<int> CompleteCorrectionAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var taskId = arguments.Positional(2, "the correction task id (rcm corrections list)");
        var request = new CompleteCorrectionRequest
        {
            TaskId = taskId,
            IdempotencyKey = arguments.Option("--key") ?? $"complete-{taskId}",
            Actor = arguments.Option("--actor") ?? Environment.UserName,
        };
        request.CorrectedDiagnoses.AddRange(arguments.Options("--dx").SelectMany(d => d.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(code => new Diagnosis { Code = code }));
        foreach (var line in arguments.Options("--line"))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--line '{line}' must be LINE_ITEM_CONTROL_NUMBER=CODE[:MOD...][*UNITS][@PTR,...], e.g. C1-2=82947:59");
            }

            // No pointers given: the line keeps the claim's.
            var procedure = ParseProcedure(line[(equals + 1)..], defaultPointer: false);
            var corrected = new CorrectedLine { LineItemControlNumber = line[..equals], ProcedureCode = procedure.Code, Units = procedure.Units };
            corrected.Modifiers.AddRange(procedure.Modifiers);
            corrected.DiagnosisPointers.AddRange(procedure.DiagnosisPointers);
            request.CorrectedLines.Add(corrected);
        }

        if (request.CorrectedLines.Count == 0 && request.CorrectedDiagnoses.Count == 0)
        {
            throw new UsageException("say what the fix is: --line LICN=CODE[:MOD...] for a line, --dx CODE,... for the claim's diagnoses");
        }

        var task = await client.Coding.CompleteCorrectionAsync(request, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(task));
        return 0;
    }

    public static Google.Type.Date ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day }
            : throw new UsageException($"'{text}' is not a date (YYYY-MM-DD)");

    private static CodedProcedure ParseProcedure(string text) => ParseProcedure(text, defaultPointer: true);

    /// <summary>CODE[:MOD[:MOD]][*UNITS][@PTR[,PTR]]; units default to 1 and the pointer to 1 (none, without <paramref name="defaultPointer"/>).</summary>
    private static CodedProcedure ParseProcedure(string text, bool defaultPointer)
    {
        var pointers = defaultPointer ? "1" : "";
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            pointers = text[(at + 1)..];
            text = text[..at];
        }

        uint units = 1;
        var star = text.IndexOf('*', StringComparison.Ordinal);
        if (star >= 0)
        {
            units = uint.TryParse(text[(star + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : throw new UsageException($"bad units in '{text}'");
            text = text[..star];
        }

        var parts = text.Split(':');
        var procedure = new CodedProcedure { Code = parts[0], Units = units };
        procedure.Modifiers.AddRange(parts.Skip(1));
        procedure.DiagnosisPointers.AddRange(pointers.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p =>
            uint.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"bad diagnosis pointer '{p}'")));
        return procedure;
    }
}
