using System.Globalization;
using System.Text.Json;
using RevenueCycle.Cli.Evaluation;
using RevenueCycle.Coding.Suggestion;
using RevenueCycle.Contracts.Coding.V1;

namespace RevenueCycle.Cli.Commands;

public static class SuggestCommands
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// <c>rcm codes suggest (--text TEXT | --file NOTE.txt) [--inpatient] [--max N] [--refdata DIR]</c>: through the
    /// gateway, or offline on a local reference directory when <c>--refdata</c> is given.
    /// </summary>
    public static async Task<int> SuggestAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var text = arguments.Option("--text") ?? (arguments.Option("--file") is { } file
            ? File.Exists(file) ? await File.ReadAllTextAsync(file) : throw new UsageException($"{file} does not exist")
            : throw new UsageException("--text or --file is required"));
        var max = arguments.Option("--max") is { } m ? int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"bad --max '{m}'") : 10;
        var inpatient = arguments.Option("--inpatient") is not null;

        if (arguments.Option("--refdata") is { } refdata)
        {
            var (suggester, codeSets, _) = CodingEvaluation.Suggester(refdata, arguments.Option("--history"), DateOnly.FromDateTime(DateTime.UtcNow));
            var suggestions = suggester.Suggest(text, new SuggestOptions(max, Outpatient: !inpatient, IncludeHcpcs: true));
            await output.WriteLineAsync(JsonSerializer.Serialize(new { suggestions, codeSetVersion = codeSets }, Indented));
            return 0;
        }

        var response = await client.Coding.SuggestCodesAsync(
            new SuggestCodesRequest { Documentation = text, MaxResults = max, Inpatient = inpatient, IncludeHcpcs = true }, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(response));
        return 0;
    }

    /// <summary>
    /// <c>rcm codes eval --codiesp FILE.jsonl --refdata DIR [--history TRAIN.jsonl] [--outpatient] [--hcpcs]</c> or
    /// <c>rcm codes eval --negex FILE.jsonl</c>: offline, JSON out.
    /// </summary>
    public static async Task<int> EvalAsync(Arguments arguments, TextWriter output)
    {
        if (arguments.Option("--negex") is { } negex)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(CodingEvaluation.NegEx(negex), Indented));
            return 0;
        }

        var codiesp = arguments.Option("--codiesp") ?? throw new UsageException("--codiesp FILE or --negex FILE is required");
        var refdata = arguments.Option("--refdata") ?? throw new UsageException("--refdata DIR (laid out like ../shared/data) is required for --codiesp");
        // CodiEsp's gold are ICD-10-CM 2018 codes of hospital case reports: the inpatient rule and the ICD-10-CM
        // edition of the reference directory (dated mid-fiscal-year so the newest loaded edition is in force).
        var (suggester, codeSets, history) = CodingEvaluation.Suggester(refdata, arguments.Option("--history"), new DateOnly(2100, 1, 1));
        var options = new SuggestOptions(10, Outpatient: arguments.Option("--outpatient") is not null, IncludeHcpcs: arguments.Option("--hcpcs") is not null);
        await output.WriteLineAsync(JsonSerializer.Serialize(CodingEvaluation.CodiEsp(codiesp, suggester, codeSets, history, options), Indented));
        return 0;
    }
}
