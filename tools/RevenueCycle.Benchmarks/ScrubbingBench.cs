using System.Diagnostics;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Ncci;
using RevenueCycle.Scrubbing.Domain.Rules;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// What BenchmarkDotNet cannot see: the managed heap the PTP structures keep (measured around a load in this
/// process), the first load in a fresh process, and a quick single-thread throughput check (the BenchmarkDotNet
/// suite, <c>make bench-scrubbing</c>, is the figure of record).
/// </summary>
public static class ScrubbingBench
{
    public static object Run(string data)
    {
        var ptpFile = Path.Combine(data, "ncci", "ptp_practitioner_2024q3.csv.gz");
        var start = Stopwatch.GetTimestamp();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var ptp = PtpReader.Read(ptpFile, "bench", "practitioner", new DateOnly(2024, 7, 1));
        var coldPtp = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(ptp);

        start = Stopwatch.GetTimestamp();
        var ncci = ReferenceDirectoryLoader.Load(data, ReferenceParts.Ncci);
        var ncciLoad = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        start = Stopwatch.GetTimestamp();
        var set = ScrubbingWorkload.Load(data);
        var fullLoad = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        GC.KeepAlive(ncci);

        var context = ScrubbingWorkload.Context(set);
        var claims = ScrubbingWorkload.Claims(20_000);
        var warmUp = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmUp) < TimeSpan.FromSeconds(3))
        {
            foreach (var claim in claims.Take(2_000))
            {
                ClaimScrubber.Scrub(claim, context); // until tiered compilation has optimised the hot path
            }
        }

        var findings = 0;
        var rejected = 0;
        start = Stopwatch.GetTimestamp();
        foreach (var claim in claims)
        {
            var result = ClaimScrubber.Scrub(claim, context);
            findings += result.Count;
            rejected += result.Any(f => f.Severity == BuildingBlocks.Claims.Severity.Reject) ? 1 : 0;
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new
        {
            machine = new { Environment.ProcessorCount, os = Environment.OSVersion.VersionString, runtime = Environment.Version.ToString() },
            ptp_practitioner = new { edits = ptp.Count, active = ptp.ActiveCount, codes = ptp.CodeCount, retained_managed_heap_mb = Math.Round(retained / 1024d / 1024d, 1), target_mb = "<= 64" },
            cold_load_ms = new { ptp_practitioner = Math.Round(coldPtp), every_ncci_table = Math.Round(ncciLoad), full_reference_directory = Math.Round(fullLoad), target = "<= 3000 (NCCI)" },
            single_thread = new { claims = claims.Length, lines_per_claim = 5, claims_per_second = Math.Round(claims.Length / seconds), rejected_share = Math.Round((double)rejected / claims.Length, 3), findings_per_claim = Math.Round((double)findings / claims.Length, 2), target = ">= 20000" },
        };
    }
}
