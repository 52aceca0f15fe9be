using RevenueCycle.Cli.Evaluation;
using RevenueCycle.Coding.Suggestion;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.Testing;

namespace RevenueCycle.Cli.Tests.Evaluation;

/// <summary>What a coder expects from suggestion on short notes, against the full ICD-10-CM FY2024 and HCPCS 2026.</summary>
[RequiresSharedData]
public sealed class SuggestionOnCmsFilesTests
{
    private static readonly Lazy<CodeSuggester> Suggester = new(() => CodingEvaluation.Suggester(SharedData.Data, null, new DateOnly(2024, 3, 1)).Suggester);

    private static IReadOnlyList<CodeSuggestion> Suggest(string note, bool outpatient = true) =>
        Suggester.Value.Suggest(note, new SuggestOptions(10, Outpatient: outpatient, IncludeHcpcs: true));

    [Fact]
    public void Abbreviations_AreExpanded_AndDeniedFindingsDropped()
    {
        var codes = Suggest("Patient with HTN and DM2. Denies chest pain. No evidence of pneumonia.").Select(s => s.Code).ToArray();

        Assert.Contains("I10", codes);
        Assert.Contains("E119", codes);
        Assert.DoesNotContain("R079", codes);
        Assert.DoesNotContain(codes, c => c.StartsWith("J18", StringComparison.Ordinal));
    }

    /// <summary>
    /// A title's own "without" qualifier written in the note names the kind of condition, not its absence: the words
    /// after "without" rule out the "with ..." titles and leave the affirmed words to the "without" one.
    /// </summary>
    [Theory]
    [InlineData("Type 2 diabetes mellitus without complications.", "E119", "E118")]
    [InlineData("Migraine without aura.", "G43009", "G43109")]
    [InlineData("Asthma without status asthmaticus.", "J45909", "J45902")]
    public void WithoutQualifier_GivesTheWithoutTitle_NotTheWithOne(string note, string expected, string ruledOut)
    {
        var codes = Suggest(note).Select(s => s.Code).ToArray();

        Assert.Equal(expected, codes.FirstOrDefault());
        Assert.DoesNotContain(ruledOut, codes);
    }

    [Fact]
    public void HistoryAndFamilyHistory_GoToZCodes()
    {
        var suggestions = Suggest("Family history of colon cancer. History of TIA.");

        Assert.Contains(suggestions, s => s.Code == "Z800" && s.Basis == "family history");
        Assert.Contains(suggestions, s => s.Code == "Z8673" && s.Basis == "history");
        Assert.DoesNotContain(suggestions, s => s.Code == "G459"); // the TIA is in the past
    }

    [Fact]
    public void Injury_GetsLateralityAndTheInitialEncounterCharacter()
    {
        var suggestions = Suggest("Closed fracture of the right femoral neck after a fall.");

        Assert.Equal("S72001A", suggestions[0].Code);
    }

    [Fact]
    public void UncertainDiagnosis_IsNotCodedOutpatient_ButItsSymptomIs()
    {
        var outpatient = Suggest("Possible pneumonia. Cough for 3 days.").Select(s => s.Code).ToArray();

        Assert.Contains("R059", outpatient);
        Assert.DoesNotContain(outpatient, c => c.StartsWith("J1", StringComparison.Ordinal));
        Assert.Contains(Suggest("Possible pneumonia. Cough for 3 days.", outpatient: false), s => s.Code.StartsWith("J1", StringComparison.Ordinal));
    }

    [Fact]
    public void Evidence_PointsAtTheSupportingText_InOddlyFormattedNotes()
    {
        const string note = "ASSESSMENT:\r\n\t1.  ESSENTIAL   HYPERTENSION — stable.\u00A0Continue lisinopril.";

        var hypertension = Assert.Single(Suggest(note), s => s.Code == "I10");

        var span = hypertension.Evidence[0];
        Assert.Contains("HYPERTENSION", note.Substring(span.Start, span.Length), StringComparison.Ordinal);
    }

    [Fact]
    public void NoSuggestionIsEverAHeaderCode()
    {
        var icd10Cm = ReferenceDirectoryLoader.Load(SharedData.Data).For(new DateOnly(2024, 3, 1)).Icd10Cm!;

        var suggestions = Suggest("Type 2 diabetes with diabetic nephropathy and CKD stage 3. Asthma. Low back pain.").Where(s => s.System == CodeSystems.Icd10Cm).ToList();

        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.True(icd10Cm.Find(s.Code)?.Billable, $"{s.Code} is not a billable code of {icd10Cm.Version}"));
    }
}
