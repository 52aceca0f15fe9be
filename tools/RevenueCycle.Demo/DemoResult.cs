using System.Collections.Concurrent;
using RevenueCycle.Contracts.Collections.V1;

namespace RevenueCycle.Demo;

/// <summary>What a demo run did, step by step, and the KPIs the platform computed for it.</summary>
public sealed class DemoResult(int encounters, int seed, IReadOnlyList<DemoEncounter> batch)
{
    private readonly ConcurrentDictionary<(string Step, string Outcome), int> _counts = new();
    private readonly Lock _gate = new();

    public int Encounters { get; } = encounters;

    public int Seed { get; } = seed;

    public IReadOnlyList<DemoEncounter> Batch { get; } = batch;

    public TimeSpan Elapsed { get; set; }

    public int SuggestionHits { get; private set; }

    public int SuggestionRecallHits { get; private set; }

    public int GoldDiagnoses { get; private set; }

    public int Interchanges { get; set; }

    public int Acknowledgments999 { get; set; }

    public int ClaimAcknowledgments277Ca { get; set; }

    public int StatusResponses277 { get; set; }

    public int Remittances835 { get; set; }

    public int RemittancesRefused { get; set; }

    public int Statements { get; set; }

    public long StatementCents { get; set; }

    public int PatientPayments { get; set; }

    public long PatientPaidCents { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public Kpis Kpis { get; set; } = new();

    public void Count(string step, string outcome) => _counts.AddOrUpdate((step, outcome), 1, (_, n) => n + 1);

    /// <summary>How often each outcome of a step happened, most frequent first.</summary>
    public IReadOnlyList<(string Outcome, int Count)> Counts(string step) =>
        _counts.Where(c => c.Key.Step == step).Select(c => (c.Key.Outcome, c.Value)).OrderByDescending(c => c.Value).ThenBy(c => c.Outcome, StringComparer.Ordinal).ToList();

    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _stages = new(StringComparer.Ordinal);
    private readonly List<(string Name, double Seconds)> _phases = [];

    /// <summary>Adds one call's time to its stage (the benchmark's per-stage breakdown).</summary>
    public void Time(string stage, TimeSpan elapsed)
    {
        _order.TryAdd(stage, Interlocked.Increment(ref _next));
        _stages.GetOrAdd(stage, _ => []).Add(elapsed.TotalMilliseconds);
    }

    private readonly ConcurrentDictionary<string, long> _order = new(StringComparer.Ordinal);
    private long _next;

    /// <summary>Each stage: calls, total, p50 and p99 milliseconds, in the order of the cycle.</summary>
    public IReadOnlyList<(string Stage, int Calls, double TotalMs, double P50Ms, double P99Ms)> Stages =>
        _stages.Select(s =>
        {
            var sorted = s.Value.Order().ToArray();
            return (s.Key, sorted.Length, sorted.Sum(), sorted[(sorted.Length - 1) / 2], sorted[(int)Math.Ceiling(sorted.Length * 0.99) - 1]);
        }).OrderBy(s => _order.GetValueOrDefault(s.Key)).ToList();

    /// <summary>Marks the end of a phase: its wall time since the last mark of <paramref name="clock"/>, which restarts.</summary>
    public void Phase(string name, System.Diagnostics.Stopwatch clock)
    {
        lock (_gate)
        {
            _phases.Add((name, clock.Elapsed.TotalSeconds));
        }

        clock.Restart();
    }

    public IReadOnlyList<(string Name, double Seconds)> Phases
    {
        get
        {
            lock (_gate)
            {
                return [.. _phases];
            }
        }
    }

    public void AddSuggestion(int hits, int recallHits, int gold)
    {
        lock (_gate)
        {
            SuggestionHits += hits;
            SuggestionRecallHits += recallHits;
            GoldDiagnoses += gold;
        }
    }
}
