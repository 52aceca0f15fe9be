using System.Diagnostics;
using RevenueCycle.X12;
using RevenueCycle.X12.Claims;
using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// The X12 targets: tokenizer MB/s, 837 and 835 parse MB/s (streaming, guide checks on), 837 generation claims/s,
/// and the working set of a parse of a 1 MB and a 500 MB file (each in a fresh process: flat means streaming).
/// </summary>
public static class X12Bench
{
    public static object Run(string data, string workDirectory)
    {
        Directory.CreateDirectory(workDirectory);
        var file837 = X12Workload.Write837(Path.Combine(workDirectory, "bench-100mb.837"), 100);
        var file835 = X12Workload.Write835(Path.Combine(data, "..", "x12-samples", "835", "x221-multiple-claims-single-check.edi"), Path.Combine(workDirectory, "bench-100mb.835"), 100);
        var bytes837 = File.ReadAllBytes(file837);
        var bytes835 = File.ReadAllBytes(file835);

        var tokenizer = Best(3, () =>
        {
            using var reader = new SegmentReader(new MemoryStream(bytes837), 1 << 16);
            long elements = 0;
            while (reader.Read())
            {
                elements += reader.ElementCount;
            }

            return elements;
        });

        var parse837 = Best(3, () => Parse(bytes837));
        var parse835 = Best(3, () => Parse(bytes835));

        var claims = X12Workload.Claims(5_000);
        var generation = Best(5, () =>
        {
            var text = Claim837Batch.Write(claims, X12Workload.Submitter, new InterchangeHeader("ZZ", "BENCHSUB", "ZZ", "BENCHCH", 1, false), DateTimeOffset.UnixEpoch);
            return text.Length;
        });

        return new
        {
            machine = new { Environment.ProcessorCount, runtime = Environment.Version.ToString() },
            tokenizer_mb_per_s = new { file = "837P, 100 MB in memory", value = Math.Round(bytes837.Length / 1048576.0 / tokenizer.Seconds), elements = tokenizer.Result, target = ">= 500" },
            parse_837p_mb_per_s = new { value = Math.Round(bytes837.Length / 1048576.0 / parse837.Seconds, 1), segments = parse837.Result, target = ">= 50", note = "streaming X12Reader.Read with envelope, loop and element checks; one core" },
            parse_835_mb_per_s = new { value = Math.Round(bytes835.Length / 1048576.0 / parse835.Seconds, 1), segments = parse835.Result, target = ">= 50" },
            generate_837p_claims_per_s = new { value = Math.Round(claims.Length / generation.Seconds), claims_per_run = claims.Length, lines_per_claim = 5, target = ">= 50000" },
        };
    }

    /// <summary>Parses a file from disk, streaming, and reports the peak working set: run in a fresh process per file size.</summary>
    public static object ParseFile(string path)
    {
        var start = Stopwatch.GetTimestamp();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var errors = new List<X12Error>();
        var transactions = 0;
        long claims = 0;
        foreach (var transaction in X12Reader.Read(stream, errors, streaming: Streaming(() => claims++)))
        {
            transactions++;
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        using var process = Process.GetCurrentProcess();
        return new
        {
            file = Path.GetFileName(path),
            megabytes = Math.Round(new FileInfo(path).Length / 1048576.0, 1),
            transactions,
            claims,
            errors = errors.Count,
            seconds = Math.Round(seconds, 2),
            peak_working_set_mb = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
        };
    }

    /// <summary>Claims (837 loop 2300) and claim payments (835 loop 2100) streamed out as they close, as an import reads them.</summary>
    private static X12Streaming Streaming(Action onClaim) => new(new HashSet<string> { "2300", "2100" }, (_, _) => onClaim());

    private static long Parse(byte[] bytes)
    {
        var errors = new List<X12Error>();
        long segments = 0;
        long claims = 0;
        foreach (var transaction in X12Reader.Read(new MemoryStream(bytes), errors, streaming: Streaming(() => claims++)))
        {
            segments += transaction.SegmentCount;
        }

        return errors.Count == 0 && claims > 0 ? segments : throw new InvalidOperationException($"the benchmark file has errors: {errors.FirstOrDefault()}");
    }

    private static (double Seconds, long Result) Best(int runs, Func<long> work)
    {
        work(); // warm-up
        var best = double.MaxValue;
        long result = 0;
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var start = Stopwatch.GetTimestamp();
            result = work();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return (best, result);
    }

    /// <summary>A generated file of the given size, for the working-set comparison.</summary>
    public static string Generate(string kind, string data, string path, int megabytes) => kind == "835"
        ? X12Workload.Write835(Path.Combine(data, "..", "x12-samples", "835", "x221-multiple-claims-single-check.edi"), path, megabytes)
        : X12Workload.Write837(path, megabytes);
}
