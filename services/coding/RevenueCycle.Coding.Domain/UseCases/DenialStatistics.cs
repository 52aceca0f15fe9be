using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Coding.Domain.Rules;

namespace RevenueCycle.Coding.Domain.UseCases;

/// <summary>One coding denial of a line, as the statistics keep it.</summary>
public sealed record DenialRecord(string EventId, string Modifier, string DiagnosisCode, string ReasonCode, DateTimeOffset At);

/// <summary>The denials of one payer and procedure, newest last, at most <see cref="DenialStatistics.MaxRecords"/>.</summary>
public sealed record DenialHistoryDocument(string PayerId, string ProcedureCode, IReadOnlyList<DenialRecord> Records);

/// <summary>The codes of one submitted claim's lines, by line item control number.</summary>
public sealed record ClaimLinesDocument(string ClaimId, int VersionNumber, IReadOnlyDictionary<string, SubmittedLineCodes> Lines);

/// <summary>
/// This organisation's coding denials per (payer, procedure, modifier, diagnosis), so validation can warn at coding
/// time: "payer 12345 denied 99214 with modifier 25 and Z00.00 three times in 90 days (CARC 97)". Lines' diagnoses
/// come from claim-submitted (the 835 does not carry them); denials from claim-denied.
/// </summary>
public sealed class DenialStatistics(IDocumentStore store, TimeProvider clock)
{
    public const string NoModifier = "none";
    public const int WindowDays = 90;
    public const int MaxRecords = 500;

    private static string LinesKey(string claimId) => $"claim-lines:{claimId}";

    private static string HistoryKey(string payerId, string procedure) => $"denial-history:{payerId}:{procedure}";

    /// <summary>Remembers the line codes of the newest version of each claim (on its own; coding's subscription does it with <see cref="CorrectionUseCases"/>).</summary>
    public Task HandleAsync(ClaimSubmittedIntegrationEvent submitted, CancellationToken cancellationToken) =>
        store.HandleOnceAsync(submitted.Id, changes => RememberLinesAsync(submitted, changes, cancellationToken), cancellationToken);

    /// <summary>Keeps the submitted version's line codes in the caller's change set, unless a newer version is kept already.</summary>
    public async Task RememberLinesAsync(ClaimSubmittedIntegrationEvent submitted, ChangeSet changes, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync<ClaimLinesDocument>(LinesKey(submitted.ClaimId), cancellationToken);
        if (current is not null && current.Value.VersionNumber > submitted.VersionNumber)
        {
            return;
        }

        var lines = submitted.Lines.GroupBy(l => l.LineItemControlNumber).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        changes.Put(LinesKey(submitted.ClaimId), new ClaimLinesDocument(submitted.ClaimId, submitted.VersionNumber, lines), current?.Version ?? ChangeSet.New);
    }

    /// <summary>Adds a coding denial to the payer's history for the procedure, in the caller's change set.</summary>
    public async Task RecordAsync(ClaimDeniedIntegrationEvent denial, ChangeSet changes, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(denial.ProcedureCode))
        {
            return; // a claim-level denial names no procedure
        }

        var procedure = denial.ProcedureCode.ToUpperInvariant();
        var lines = await store.GetAsync<ClaimLinesDocument>(LinesKey(denial.ClaimId), cancellationToken);
        var line = denial.LineItemControlNumber is { } licn ? lines?.Value.Lines.GetValueOrDefault(licn) : null;
        // Without the claim's lines (submitted elsewhere) the denial still counts, for any diagnosis.
        var diagnoses = line?.DiagnosisCodes.Count > 0 ? line.DiagnosisCodes : [""];
        var modifiers = denial.Modifiers.Count > 0 ? denial.Modifiers.Select(m => m.ToUpperInvariant()) : [NoModifier];
        var now = clock.GetUtcNow();
        var records = modifiers.SelectMany(m => diagnoses.Select(d => new DenialRecord(denial.Id, m, d, denial.ReasonCode, now))).ToArray();

        var key = HistoryKey(denial.PayerId, procedure);
        var history = await store.GetAsync<DenialHistoryDocument>(key, cancellationToken);
        var kept = (history?.Value.Records ?? []).Concat(records).TakeLast(MaxRecords).ToArray();
        changes.Put(key, new DenialHistoryDocument(denial.PayerId, procedure, kept), history?.Version ?? ChangeSet.New);
    }

    /// <summary>Recent denial patterns of a payer for the given procedures, for validation.</summary>
    public async Task<IReadOnlyList<DenialPattern>> PatternsAsync(string? payerId, IEnumerable<string> procedureCodes, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(payerId))
        {
            return [];
        }

        var since = clock.GetUtcNow().AddDays(-WindowDays);
        var keys = procedureCodes.Select(p => HistoryKey(payerId, p.Trim().ToUpperInvariant())).Distinct().ToArray();
        var documents = await store.GetManyAsync<DenialHistoryDocument>(keys, cancellationToken);
        return documents.SelectMany(d => d.Value.Records.Where(r => r.At >= since)
                .GroupBy(r => (r.Modifier, r.DiagnosisCode))
                .Select(g => new DenialPattern(d.Value.PayerId, d.Value.ProcedureCode, g.Key.Modifier, g.Key.DiagnosisCode,
                    g.Select(r => r.EventId).Distinct().Count(), g.Select(r => r.ReasonCode).Distinct().Order().ToArray(), g.Max(r => r.At))))
            .ToArray();
    }
}
