using RevenueCycle.Demo;
using Spectre.Console;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// The whole path's throughput: a demo batch (the same run as `rcm demo`, every call through the gateway) of many
/// encounters at a fixed concurrency, against the single-process platform started here or a running platform
/// (`--gateway`, e.g. `make run-distributed`). Reports encounters per second from eligibility to the 837, the time
/// until the payer's answers are posted, and each stage's calls with p50/p99 latency and share of the call time. The
/// silent payer (a 15 s eligibility timeout) is left out: a wait, not work.
/// </summary>
public static class PathBench
{
    private const string Key = "path-bench-key";

    public static object Run(int encounters, int concurrency, string? gateway, string? apiKey)
    {
        var platform = gateway is null ? BenchPlatform.Start(Key) : null;

        try
        {
            using var clients = new PlatformClients(platform?.GatewayGrpc ?? new Uri(gateway!), platform is null ? apiKey ?? "rcm-local-demo-key" : Key);
            var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No });
            // A seed of its own each run, so a running platform gets a new batch.
            var seed = (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 1_000_000);
            var result = new DemoRun(clients, quiet).RunAsync(new DemoOptions(encounters, seed, Concurrency: concurrency, SilentPayer: false), CancellationToken.None).GetAwaiter().GetResult();
            var phases = result.Phases.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Sum(p => p.Seconds));
            var front = phases["front desk: coverages, the schedule's eligibility"] + phases["coding and billing: note to a queued claim"] + phases["837 out"];
            var callTime = result.Stages.Sum(s => s.TotalMs);
            return new
            {
                mode = platform is null ? $"platform at {gateway}" : "single process (in-memory state, in-process pub/sub)",
                encounters,
                concurrency,
                encounters_per_second_eligibility_to_837 = Math.Round(encounters / front, 1),
                phases_seconds = result.Phases.Select(p => new { phase = p.Name, seconds = Math.Round(p.Seconds, 2) }),
                payments_posted_per_second = Math.Round(encounters / (phases["answers in"] + phases["payments posted (835 to the ledger)"]), 1),
                whole_batch_seconds = Math.Round(result.Elapsed.TotalSeconds, 2),
                stages = result.Stages.Select(s => new
                {
                    stage = s.Stage,
                    calls = s.Calls,
                    p50_ms = Math.Round(s.P50Ms, 2),
                    p99_ms = Math.Round(s.P99Ms, 2),
                    share_of_call_time = $"{100 * s.TotalMs / callTime:0.0}%",
                }),
                claims = result.Kpis.Figures.FirstOrDefault()?.Claims,
            };
        }
        finally
        {
            platform?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
