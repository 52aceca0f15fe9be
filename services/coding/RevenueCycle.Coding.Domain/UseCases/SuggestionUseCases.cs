using System.Text;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Coding.Suggestion;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Hcpcs;
using RevenueCycle.ReferenceData.Icd10Cm;

namespace RevenueCycle.Coding.Domain.UseCases;

public sealed record SuggestionResult(IReadOnlyList<CodeSuggestion> Suggestions, string CodeSetVersion);

/// <summary>
/// Code suggestion for documentation: the retrieval index is built from the code-set editions in force (once per
/// edition pair, then cached) and ranked with this organisation's coding history, which finalized encounters feed.
/// The note is used for the call only: never stored here, never logged.
/// </summary>
public sealed class SuggestionUseCases(ReferenceDataCatalog catalog, CodingHistory history, EncounterUseCases encounters, TimeProvider clock)
{
    public const int DefaultResults = 10;
    public const int MaxResults = 50;

    private readonly Lock _gate = new();
    private (Icd10CmEdition? Icd, HcpcsEdition? Hcpcs, CodeSuggester Suggester)? _cached;

    public async Task<SuggestionResult> SuggestAsync(string documentation, string encounterId, bool inpatient, int maxResults, bool includeHcpcs, DateOnly? dateOfService, CancellationToken cancellationToken)
    {
        var v = new Validator();
        var hasText = !string.IsNullOrEmpty(documentation);
        v.Require(hasText ^ !string.IsNullOrEmpty(encounterId), "documentation", "give the documentation or an encounter_id, not both")
            .Require(!hasText || !string.IsNullOrWhiteSpace(documentation), "documentation", "is empty")
            .Require(!hasText || Encoding.UTF8.GetByteCount(documentation) <= EncounterUseCases.MaxDocumentationBytes, "documentation", "is larger than 1 MB")
            .Require(maxResults is >= 0 and <= MaxResults, "max_results", $"must be between 1 and {MaxResults}")
            .ThrowIfInvalid();

        var text = documentation;
        var date = dateOfService ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!hasText)
        {
            var encounter = (await encounters.GetAsync(encounterId, cancellationToken)).Value;
            if (string.IsNullOrWhiteSpace(encounter.Documentation))
            {
                throw new PreconditionFailedException($"Encounter '{encounterId}' has no documentation to code from.");
            }

            text = encounter.Documentation;
            date = dateOfService ?? encounter.DateOfService;
        }

        var codes = catalog.Current.For(date);
        var suggester = SuggesterFor(codes);
        var options = new SuggestOptions(maxResults == 0 ? DefaultResults : maxResults, Outpatient: !inpatient, IncludeHcpcs: includeHcpcs);
        return new SuggestionResult(suggester.Suggest(text, options), codes.Version);
    }

    /// <summary>Builds the index of the editions in force today ahead of the first request (it takes about a second).</summary>
    public void Warm() => SuggesterFor(catalog.Current.For(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));

    /// <summary>Learns one coded encounter (from a history file or the store at start): documentation and final diagnosis codes.</summary>
    public void Learn(string documentation, IReadOnlyCollection<string> diagnosisCodes)
    {
        if (!string.IsNullOrWhiteSpace(documentation) && diagnosisCodes.Count > 0)
        {
            history.Add(documentation, diagnosisCodes);
        }
    }

    public int HistoryCount => history.Count;

    private CodeSuggester SuggesterFor(CodeSetView codes)
    {
        lock (_gate)
        {
            if (_cached is { } cached && ReferenceEquals(cached.Icd, codes.Icd10Cm) && ReferenceEquals(cached.Hcpcs, codes.Hcpcs))
            {
                return cached.Suggester;
            }
        }

        // Built outside the lock: a second request for another edition need not wait (the loser's index is dropped).
        var suggester = new CodeSuggester(SuggestionIndex.Build(Descriptors(codes.Icd10Cm, codes.Hcpcs)), history);
        lock (_gate)
        {
            _cached = (codes.Icd10Cm, codes.Hcpcs, suggester);
        }

        return suggester;
    }

    /// <summary>The engine's view of the code sets: every ICD-10-CM code with its other names, and HCPCS codes not terminated.</summary>
    public static IEnumerable<CodeDescriptor> Descriptors(Icd10CmEdition? icd, HcpcsEdition? hcpcs)
    {
        foreach (var code in icd?.Codes ?? [])
        {
            yield return new CodeDescriptor(code.Code, CodeSystems.Icd10Cm, code.Billable, code.Description, icd!.Notes.SearchTerms(code.Code));
        }

        foreach (var code in hcpcs?.Codes ?? [])
        {
            if (code.Terminated is null)
            {
                yield return new CodeDescriptor(code.Code, CodeSystems.Hcpcs, true, code.Description, []);
            }
        }
    }
}
