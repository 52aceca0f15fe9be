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
