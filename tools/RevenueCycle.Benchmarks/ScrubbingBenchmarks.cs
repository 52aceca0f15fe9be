using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Ncci;
using RevenueCycle.Scrubbing.Domain.Rules;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// BenchmarkDotNet: the scrubber on one thread (one core) with the full 2024Q3 practitioner PTP and MUE tables,
/// ICD-10-CM FY2024 and HCPCS loaded. One operation is one five-line claim; claims per second = 1e9 / mean ns.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ScrubbingBenchmarks
{
    private const int Batch = 2_000;

    private ScrubContext _context = null!;
    private Claim[] _claims = [];

    /// <summary>The shared data directory; set by the bench command through an environment variable (BenchmarkDotNet runs in a child process).</summary>
    public static string Data => Environment.GetEnvironmentVariable("RCM_BENCH_DATA") ?? throw new InvalidOperationException("RCM_BENCH_DATA is not set");

    [GlobalSetup]
    public void Setup()
    {
        _context = ScrubbingWorkload.Context(ScrubbingWorkload.Load(Data));
        _claims = ScrubbingWorkload.Claims(Batch);
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "scrub a five-line claim")]
    public int ScrubFiveLineClaims()
    {
        var findings = 0;
        foreach (var claim in _claims)
        {
            findings += ClaimScrubber.Scrub(claim, _context).Count;
        }

        return findings;
    }
}

/// <summary>BenchmarkDotNet, cold: each launch is a fresh process loading the full practitioner PTP table (or every NCCI table) once.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 3, warmupCount: 0, iterationCount: 1)]
public class NcciLoadBenchmarks
{
    [Benchmark(Description = "cold load: PTP practitioner (2.5 M edits)")]
    public PtpTable LoadPtp() =>
        PtpReader.Read(Path.Combine(ScrubbingBenchmarks.Data, "ncci", "ptp_practitioner_2024q3.csv.gz"), "bench", "practitioner", new DateOnly(2024, 7, 1));

    [Benchmark(Description = "cold load: every NCCI table of the quarter")]
    public ReferenceDataSet LoadNcci() => ReferenceDirectoryLoader.Load(ScrubbingBenchmarks.Data, ReferenceParts.Ncci);
}
