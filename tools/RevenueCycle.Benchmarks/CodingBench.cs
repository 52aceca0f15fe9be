using System.Text.Json;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.Rules;
using RevenueCycle.Coding.Suggestion;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Edits;
using RevenueCycle.ReferenceData.Hcpcs;
using RevenueCycle.ReferenceData.Icd10Cm;

namespace RevenueCycle.Benchmarks;

/// <summary>The coding service's speed targets: full ICD-10-CM + HCPCS load &lt; 2 s; validation p99 &lt; 1 ms.</summary>
public static class CodingBench
{
    public static object Run(string data)
    {
        var icdFile = Path.Combine(data, "icd10cm", "icd10cm_order_fy2024.csv.gz");
        var hcpcsFile = Path.Combine(data, "hcpcs", "hcpcs_2026_jan_anweb.csv");
        var codesLoad = Measure.WallTime(() =>
        {
            var icd = new Icd10CmEdition("bench", new DateOnly(2023, 10, 1), null, Icd10CmReader.Read(icdFile));
            var (codes, modifiers) = HcpcsReader.Read(hcpcsFile);
            _ = new HcpcsEdition("bench", new DateOnly(2026, 1, 1), codes, modifiers);
            GC.KeepAlive(icd);
        }, runs: 5);

        ReferenceDataSet set = null!;
        var fullLoad = Measure.WallTime(() => set = ReferenceDirectoryLoader.Load(data), runs: 3);

        var view = set.For(new DateOnly(2024, 3, 1));
        var patient = new PatientContext(58, Sex.Female);
        Diagnosis[] diagnoses = [new("E11.65", ""), new("I10", ""), new("E78.5", ""), new("Z79.4", "")];
        CodedProcedure[] procedures = [new("99214", ["25"], 1, [1, 2]), new("G0439", [], 1, [1]), new("J1100", ["RT"], 4, [2, 3])];
        var validation = Measure.Percentiles(() => CodeValidator.Validate(view, patient, diagnoses, procedures), samples: 200_000, warmup: 20_000);

        Diagnosis[] problems = [new("E11", ""), new("S72.001", ""), new("T14.90A", ""), new("E10.9", ""), new("O80", "")];
        var withFindings = Measure.Percentiles(() => CodeValidator.Validate(view, new PatientContext(40, Sex.Male), problems, procedures), samples: 100_000, warmup: 10_000);

        // Suggestion: the index over every ICD-10-CM code and HCPCS code, then each CodiEsp dev case report (a one-page
        // note each, 1-4 KB) suggested many times over, with and without the train file as coding history.
        var evalDirectory = Path.Combine(data, "..", "eval", "codiesp");
        var notes = File.ReadLines(Path.Combine(evalDirectory, "dev.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToArray();
        SuggestionIndex index = null!;
        var indexBuild = Measure.WallTime(() => index = SuggestionIndex.Build(SuggestionUseCases.Descriptors(view.Icd10Cm, view.Hcpcs)), runs: 3);
        var plain = new CodeSuggester(index);
        var options = new SuggestOptions(10, Outpatient: true, IncludeHcpcs: true);
        var next = 0;
        var suggestion = Measure.Percentiles(() => plain.Suggest(notes[next++ % notes.Length], options), samples: 5_000, warmup: 500);
        var history = new CodingHistory();
        foreach (var line in File.ReadLines(Path.Combine(evalDirectory, "train.jsonl")))
        {
            var root = JsonDocument.Parse(line).RootElement;
            history.Add(root.GetProperty("text").GetString()!, root.GetProperty("icd10cm_affirmed").EnumerateArray().Select(e => e.GetString()!).ToArray());
        }

        var learned = new CodeSuggester(index, history);
        var withHistory = Measure.Percentiles(() => learned.Suggest(notes[next++ % notes.Length], options), samples: 5_000, warmup: 500);

        return new
        {
            machine = new { Environment.ProcessorCount, os = Environment.OSVersion.VersionString, runtime = Environment.Version.ToString() },
            icd10cm_plus_hcpcs_load_ms = new { cold = codesLoad.ColdMilliseconds, median = codesLoad.MedianMilliseconds, target = "< 2000" },
            full_reference_directory_load_ms = new { cold = fullLoad.ColdMilliseconds, median = fullLoad.MedianMilliseconds, includes = "ICD-10-CM FY2024, tabular notes, HCPCS 2026, MCE, modifier lists" },
            validation_clean_encounter_us = validation,
            validation_five_problem_codes_us = withFindings,
            validation_target = "p99 < 1000 us",
            suggestion_index_build_ms = new { cold = indexBuild.ColdMilliseconds, median = indexBuild.MedianMilliseconds, codes = index.Count },
            suggestion_one_page_note_us = suggestion,
            suggestion_with_500_encounter_history_us = withHistory,
            suggestion_note_bytes = new { min = notes.Min(n => n.Length), median = notes.Select(n => n.Length).Order().ElementAt(notes.Length / 2), max = notes.Max(n => n.Length) },
            suggestion_target = "p99 < 20000 us",
        };
    }
}
