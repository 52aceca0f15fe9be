using System.Text.Json;
using RevenueCycle.Coding.Suggestion;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.ReferenceData.Catalog;

namespace RevenueCycle.Cli.Evaluation;

/// <summary>
/// Measures code suggestion offline: CodiEsp-format files (<c>text</c>, <c>icd10cm_affirmed</c>,
/// <c>icd10cm_negated_suspect</c>) for recall@5, recall@10 and MAP, and the NegEx test set
/// (<c>sentence_target_lowercased</c>, <c>target</c>, <c>negated</c>) for negation precision, recall and F1.
/// </summary>
public static class CodingEvaluation
{
    public sealed record RankingReport(
        string File, int Documents, string Settings, int HistoryEncounters,
        double RecallAt5, double RecallAt10, double MeanAveragePrecision, double NegatedSuspectShare,
        double LenientRecallAt10, string CodeSets);

    public sealed record NegationReport(string File, int Items, int Skipped, double Precision, double Recall, double F1, double Accuracy);

    /// <summary>Builds the suggester from a reference directory laid out like ../shared/data, with an optional history file.</summary>
    public static (CodeSuggester Suggester, string CodeSets, int History) Suggester(string referenceDirectory, string? historyFile, DateOnly dateOfService)
    {
        var codes = ReferenceDirectoryLoader.Load(referenceDirectory).For(dateOfService);
        var history = new CodingHistory();
        if (historyFile is not null)
        {
            foreach (var document in ReadJsonLines(historyFile))
            {
                history.Add(document.GetProperty("text").GetString() ?? "", Codes(document, document.TryGetProperty("codes", out _) ? "codes" : "icd10cm_affirmed"));
            }
        }

        var index = SuggestionIndex.Build(SuggestionUseCases.Descriptors(codes.Icd10Cm, codes.Hcpcs));
        return (new CodeSuggester(index, history), codes.Version, history.Count);
    }

    public static RankingReport CodiEsp(string file, CodeSuggester suggester, string codeSets, int history, SuggestOptions options)
    {
        var cases = new List<RankedCase>();
        foreach (var document in ReadJsonLines(file))
        {
            var predicted = suggester.Suggest(document.GetProperty("text").GetString() ?? "", options).Select(s => s.Code).ToArray();
            cases.Add(new RankedCase(predicted, Codes(document, "icd10cm_affirmed"), Codes(document, "icd10cm_negated_suspect")));
        }

        var exact = SuggestionEvaluation.ScoreRanking(cases, lenient: false, k: 10);
        var lenient = SuggestionEvaluation.ScoreRanking(cases, lenient: true, k: 10);
        var settings = $"{(options.Outpatient ? "outpatient" : "inpatient")}, {(options.IncludeHcpcs ? "ICD-10-CM and HCPCS" : "ICD-10-CM only")}, top {options.MaxResults}";
        return new RankingReport(Path.GetFileName(file), cases.Count, settings, history,
            Round(exact.RecallAt5), Round(exact.RecallAt10), Round(exact.MeanAveragePrecision), Round(exact.ForbiddenShare), Round(lenient.RecallAt10), codeSets);
    }

    public static NegationReport NegEx(string file)
    {
        var items = new List<(bool Gold, bool Predicted)>();
        var skipped = 0;
        foreach (var item in ReadJsonLines(file))
        {
            if (item.TryGetProperty("target_in_sentence", out var inSentence) && inSentence.ValueKind == JsonValueKind.False)
            {
                skipped++;
                continue;
            }

            var sentence = item.GetProperty("sentence_target_lowercased").GetString() ?? "";
            var target = item.GetProperty("target").GetString() ?? "";
            items.Add((string.Equals(item.GetProperty("negated").GetString(), "yes", StringComparison.OrdinalIgnoreCase), ClinicalContext.IsNegated(sentence, target)));
        }

        var scores = SuggestionEvaluation.ScoreNegation(items);
        return new NegationReport(Path.GetFileName(file), items.Count, skipped, Round(scores.Precision), Round(scores.Recall), Round(scores.F1), Round(scores.Accuracy));
    }

    private static string[] Codes(JsonElement document, string property) =>
        document.TryGetProperty(property, out var codes) ? codes.EnumerateArray().Select(c => SuggestionEvaluation.NormalizeCode(c.GetString() ?? "")).Where(c => c.Length > 0).ToArray() : [];

    private static IEnumerable<JsonElement> ReadJsonLines(string file)
    {
        if (!File.Exists(file))
        {
            throw new UsageException($"{file} does not exist");
        }

        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new UsageException($"{file}:{number}: not a JSON object ({e.Message.Split(". ")[0]})");
            }

            using (document)
            {
                yield return document.RootElement.Clone();
            }
        }
    }

    private static double Round(double value) => Math.Round(value, 4);
}
