using System.Text.Json;
using BenchmarkDotNet.Running;
using RevenueCycle.Benchmarks;

// RevenueCycle.Benchmarks coding [--data DIR]: code-set load time, validation and suggestion latency.
// RevenueCycle.Benchmarks scrubbing [--data DIR]: PTP heap, cold loads, single-thread throughput.
// RevenueCycle.Benchmarks posting-generate FILE CLAIMS TRANSACTIONS, posting-import FILE: 835 import into a real Redis.
// RevenueCycle.Benchmarks cycle-load CLAIMS [ACCOUNTS]: claims through the single-process platform at once; the event backlog drained.
// RevenueCycle.Benchmarks eligibility [ROWS]: cached checks through the gateway, a ROWS batch (10,000) against the sandbox, 271 parse.
// RevenueCycle.Benchmarks collections-ledger CLAIMS [WORKERS], collections-statements ACCOUNTS [WORKERS]: collections on a real Redis.
// RevenueCycle.Benchmarks path [ENCOUNTERS] [CONCURRENCY] [--gateway URL --api-key KEY]: a demo batch through the whole cycle; per-stage times.
// RevenueCycle.Benchmarks gateway [SECONDS]: the same RPC direct and through the gateway (gRPC here, JSON with wrk), at 1 and 16 at once.
// RevenueCycle.Benchmarks gateway-processes [SECONDS] [ROUNDS] [--gateway-core N]: the same, coding and the gateway in their own processes.
// RevenueCycle.Benchmarks dotnet-benchmarks [--data DIR] [BenchmarkDotNet args]: the scrubber's BenchmarkDotNet suites.
var arguments = args.ToList();
var data = arguments.IndexOf("--data") is var i and >= 0 && i + 1 < arguments.Count ? arguments[i + 1] : FindSharedData();
if (arguments.FirstOrDefault() == "dotnet-benchmarks")
{
    Environment.SetEnvironmentVariable("RCM_BENCH_DATA", data); // the benchmarks run in child processes
    var rest = new List<string>();
    for (var k = 1; k < arguments.Count; k++)
    {
        if (arguments[k] == "--data")
        {
            k++; // and its value
            continue;
        }

        rest.Add(arguments[k]);
    }

    BenchmarkSwitcher.FromTypes([typeof(ScrubbingBenchmarks), typeof(NcciLoadBenchmarks)]).Run(rest.Count == 0 ? ["--filter", "*"] : [.. rest]);
    return;
}

var work = Path.Combine(Path.GetTempPath(), "rcm-bench");
object result = arguments.FirstOrDefault() switch
{
    "coding" => CodingBench.Run(data),
    "scrubbing" => ScrubbingBench.Run(data),
    "x12" => X12Bench.Run(data, work),
    "x12-generate" => X12Bench.Generate(arguments[1], data, arguments[2], int.Parse(arguments[3], System.Globalization.CultureInfo.InvariantCulture)),
    "x12-parse-file" => X12Bench.ParseFile(arguments[1]),
    "posting-generate" => PostingBench.Generate(arguments[1], int.Parse(arguments[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(arguments[3], System.Globalization.CultureInfo.InvariantCulture)),
    "cycle-load" => CycleLoadBench.Run(int.Parse(arguments[1], System.Globalization.CultureInfo.InvariantCulture),
        arguments.Count > 2 && !arguments[2].StartsWith("--", StringComparison.Ordinal) ? int.Parse(arguments[2], System.Globalization.CultureInfo.InvariantCulture) : 1),
    "eligibility" => EligibilityBench.Run(data, arguments.Count > 1 && !arguments[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(arguments[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000),
    "collections-ledger" => CollectionsBench.Ledger(Count(1, 100_000), Count(2, 8)),
    "collections-statements" => CollectionsBench.Statements(Count(1, 100_000), Count(2, 8)),
    "path" => PathBench.Run(Count(1, 2_000), Count(2, 16), arguments.IndexOf("--gateway") is var g and >= 0 ? arguments[g + 1] : null,
        arguments.IndexOf("--api-key") is var k and >= 0 ? arguments[k + 1] : null),
    "gateway" => GatewayBench.Run(TimeSpan.FromSeconds(Count(1, 5))),
    "gateway-processes" => GatewayBench.RunProcesses(TimeSpan.FromSeconds(Count(1, 5)), Count(2, 3),
        arguments.IndexOf("--gateway-core") is var c and >= 0 ? int.Parse(arguments[c + 1], System.Globalization.CultureInfo.InvariantCulture) : null),
    "posting-import" => PostingBench.Import(arguments[1], arguments.IndexOf("--redis") is var r and >= 0 ? arguments[r + 1] : null, data),
    _ => throw new ArgumentException("usage: RevenueCycle.Benchmarks coding|scrubbing|x12|dotnet-benchmarks [--data DIR]; x12-generate 837|835 FILE MB; x12-parse-file FILE; posting-generate FILE CLAIMS TRANSACTIONS; posting-import FILE [--redis HOST:PORT]; cycle-load CLAIMS [ACCOUNTS]; eligibility [ROWS]; collections-ledger CLAIMS [WORKERS]; collections-statements ACCOUNTS [WORKERS]; path [ENCOUNTERS] [CONCURRENCY] [--gateway URL --api-key KEY]; gateway [SECONDS]; gateway-processes [SECONDS] [ROUNDS] [--gateway-core N]"),
};
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

// The positional number at arguments[position], or the default when it is absent.
int Count(int position, int fallback) =>
    arguments.Count > position && !arguments[position].StartsWith("--", StringComparison.Ordinal) ? int.Parse(arguments[position], System.Globalization.CultureInfo.InvariantCulture) : fallback;

static string FindSharedData()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, "..", "shared", "data");
        if (File.Exists(Path.Combine(directory.FullName, "RevenueCycle.sln")) && Directory.Exists(candidate))
        {
            return Path.GetFullPath(candidate);
        }
    }

    throw new DirectoryNotFoundException("../shared/data not found; pass --data DIR");
}
