using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Eligibility.Domain.Rules;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// Eligibility's three speed figures on the single-process platform (embedded defaults, the payer sandbox in process):
/// a cached check through the gateway (latency percentiles, one caller and eight at once), a schedule of rows checked
/// in batches of 5,000 against the sandbox end to end (a 270 written, answered, the 271 parsed and stored for every
/// row), and 271 parse plus benefit extraction (<see cref="EligibilityExchangeFiles.Read"/>, what every answer goes
/// through) on the public 271 samples in ../shared and the sandbox's own 271s for each scenario.
/// </summary>
public static class EligibilityBench
{
    private const string Key = "eligibility-bench-key";
    private const int RowsPerRequest = 5_000;

    // Member id suffixes and the sandbox scenario each gives: mostly active, the rest as a real schedule has them.
    private static readonly string[] Suffixes = ["0", "1", "2", "3", "4", "5", "6", "D", "D", "D", "R", "I", "C", "A", "U"];

    public static object Run(string data, int batchRows)
    {
        var host = BenchPlatform.Start(Key);
        try
        {
            using var channel = GrpcChannel.ForAddress(host.GatewayGrpc);
            var headers = new Metadata { { "x-api-key", Key } };
            var client = new EligibilityService.EligibilityServiceClient(channel);
            var dateOfService = DateTime.UtcNow;

            // The peer in the same run: the eligibility service called directly, without the gateway.
            using var direct = GrpcChannel.ForAddress(host.Services["eligibility"]);
            var cached = CachedCheck(client, headers, dateOfService);
            var cachedDirect = CachedCheck(new EligibilityService.EligibilityServiceClient(direct), [], dateOfService);
            var batch = Batch(client, headers, dateOfService, batchRows);
            // A payer that cannot answer (U) leaves no snapshot: there is no 271 to read.
            var sandbox271s = Suffixes.Distinct().Select(s => (Scenario: s, Answer: client.CheckEligibility(Request($"SCEN{s}00{s}", dateOfService), headers)))
                .Where(a => a.Answer.SnapshotId.Length > 0)
                .Select(a => ("sandbox scenario " + a.Scenario, client.GetEligibilitySnapshot(new GetEligibilitySnapshotRequest { SnapshotId = a.Answer.SnapshotId }, headers).Raw271))
                .ToList();
            var parse = Parse([.. Shared271s(data), .. sandbox271s]);
            return new { cached_check_through_the_gateway = cached, cached_check_direct_to_the_service = cachedDirect, batch_against_the_sandbox = batch, parse_271 = parse };
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static CheckEligibilityRequest Request(string memberId, DateTime dateOfService) => new()
    {
        PayerId = "12345",
        Subscriber = new Subscriber
        {
            MemberId = memberId,
            Name = new PersonName { Last = "BENCH", First = "PAT" },
            DateOfBirth = new Google.Type.Date { Year = 1980, Month = 4, Day = 2 },
        },
        DateOfService = new Google.Type.Date { Year = dateOfService.Year, Month = dateOfService.Month, Day = dateOfService.Day },
        ServiceTypeCodes = { "30", "98" },
    };

    /// <summary>The same question again and again after the first answer: each is served from the snapshot in force.</summary>
    private static object CachedCheck(EligibilityService.EligibilityServiceClient client, Metadata headers, DateTime dateOfService)
    {
        var request = Request("CACHED0001", dateOfService);
        var first = client.CheckEligibility(request, headers);
        var sameSnapshot = true;
        var one = Measure.Percentiles(() => sameSnapshot &= client.CheckEligibility(request, headers).SnapshotId == first.SnapshotId, samples: 5_000, warmup: 1_000);

        // Eight callers at once, each its own samples.
        const int callers = 8, perCaller = 2_000;
        var times = new double[callers * perCaller];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, callers, new ParallelOptions { MaxDegreeOfParallelism = callers }, c =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                var start = Stopwatch.GetTimestamp();
                client.CheckEligibility(request, headers);
                times[c * perCaller + i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        });
        var wall = clock.Elapsed.TotalSeconds;
        Array.Sort(times);
        return new
        {
            every_answer_was_the_cached_snapshot = sameSnapshot,
            one_caller = one,
            eight_callers = new
            {
                samples = times.Length,
                checks_per_second = Math.Round(times.Length / wall),
                p50_microseconds = Math.Round(times[times.Length / 2], 1),
                p99_microseconds = Math.Round(times[(int)(times.Length * 0.99)], 1),
                max_microseconds = Math.Round(times[^1], 1),
            },
        };
    }

    /// <summary>A schedule of distinct members (so no answer is cached) through CheckEligibilityBatch, 5,000 rows a request, 32 at once.</summary>
    private static object Batch(EligibilityService.EligibilityServiceClient client, Metadata headers, DateTime dateOfService, int rows)
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = 0;
        var firstAnswers = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < rows; start += RowsPerRequest)
        {
            var request = new CheckEligibilityBatchRequest { Concurrency = 32 };
            for (var i = start; i < Math.Min(rows, start + RowsPerRequest); i++)
            {
                request.Rows.Add(new EligibilityBatchRow { Reference = $"appt-{i}", Check = Request($"B{i:D7}{Suffixes[i % Suffixes.Length]}", dateOfService) });
            }

            var sent = clock.Elapsed.TotalMilliseconds;
            var first = true;
            using var call = client.BatchCheck(request, headers);
            while (call.ResponseStream.MoveNext(CancellationToken.None).GetAwaiter().GetResult())
            {
                var result = call.ResponseStream.Current;
                if (first)
                {
                    firstAnswers.Add(Math.Round(clock.Elapsed.TotalMilliseconds - sent, 1));
                    first = false;
                }

                if (result.Errors.Count > 0)
                {
                    errors++;
                    continue;
                }

                var outcome = result.Answer.Outcome.ToString();
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new
        {
            rows,
            seconds = Math.Round(seconds, 2),
            rows_per_second = Math.Round(rows / seconds),
            first_answer_milliseconds_of_each_request = firstAnswers,
            answered = outcomes.Values.Sum(),
            row_errors = errors,
            outcomes,
        };
    }

    private static AsyncServerStreamingCall<CheckEligibilityBatchResult> BatchCheck(this EligibilityService.EligibilityServiceClient client, CheckEligibilityBatchRequest request, Metadata headers) =>
        client.CheckEligibilityBatch(request, headers, deadline: DateTime.UtcNow.AddMinutes(30));

    private static IEnumerable<(string Name, string Text)> Shared271s(string data)
    {
        var directory = Path.Combine(data, "..", "x12-samples", "271");
        return Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
    }

    /// <summary>Each file read (parse, guide checks, benefit extraction) for about two seconds after a warm-up.</summary>
    private static object Parse(IReadOnlyList<(string Name, string Text)> files)
    {
        var read = files.Select(f => EligibilityExchangeFiles.Read(f.Text)).ToList();
        var answers = read.Sum(r => r.Answers.Count);
        var benefits = read.Sum(r => r.Answers.Sum(a => a.Result.Amounts.Count));
        var bytes = files.Sum(f => Encoding.UTF8.GetByteCount(f.Text));
        var per = Measure.Percentiles(() =>
        {
            foreach (var (_, text) in files)
            {
                EligibilityExchangeFiles.Read(text);
            }
        }, samples: Math.Max(1, 2_000), warmup: 200);
        var filesPerSecond = files.Count / (per.MeanMicroseconds / 1e6);
        return new
        {
            files = files.Select(f => f.Name).ToArray(),
            answers_a_round = answers,
            benefit_amounts_a_round = benefits,
            bytes_a_round = bytes,
            files_per_second = Math.Round(filesPerSecond),
            answers_per_second = Math.Round(answers / (per.MeanMicroseconds / 1e6)),
            megabytes_per_second = Math.Round(bytes / (per.MeanMicroseconds / 1e6) / 1e6, 1),
            microseconds_a_file_mean = Math.Round(per.MeanMicroseconds / files.Count, 1),
            round = per,
        };
    }
}
