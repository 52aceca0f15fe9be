using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.Rules;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Edits;
using RevenueCycle.Testing;

namespace RevenueCycle.Coding.Tests.Domain.Rules;

/// <summary>Golden validations against the real CMS files in ../shared/data: ICD-10-CM FY2024, tabular notes, MCE, HCPCS 2026.</summary>
[RequiresSharedData]
public sealed class CodeValidatorOnCmsFilesTests
{
    private static readonly Lazy<ReferenceDataSet> Set = new(() => ReferenceDirectoryLoader.Load(SharedData.Data));

    private static IReadOnlyList<Finding> Validate(DateOnly dos, PatientContext patient, string[] diagnoses, params CodedProcedure[] procedures) =>
        CodeValidator.Validate(Set.Value.For(dos), patient, diagnoses.Select(d => new Diagnosis(d, "")).ToArray(), procedures);

    private static readonly DateOnly InFy2024 = new(2024, 3, 1);

    private static CodedProcedure Px(string code, params uint[] pointers) => new(code, [], 1, pointers.Length == 0 ? [1] : pointers);

    [Fact]
    public void CleanEncounter_HasOnlyTheCptShapeNote()
    {
        var findings = Validate(InFy2024, new PatientContext(58, Sex.Female), ["E11.9", "I10"], Px("99213", 1, 2), Px("G0439", 1));

        Assert.Equal(["PX-CPT-NOT-LOADED"], findings.Select(f => f.RuleId));
        Assert.Contains("ICD-10-CM FY2024", findings[0].Source);
    }

    [Fact]
    public void Header_SeventhCharacterAndPlaceholder_AreExplained()
    {
        var findings = Validate(InFy2024, PatientContext.Unknown, ["E11", "S72.001", "T14.90A"], Px("G0439", 1, 2, 3));

        Assert.Equal(["DX-NOT-BILLABLE", "DX-SEVENTH-CHARACTER", "DX-PLACEHOLDER-X"], findings.Select(f => f.RuleId));
        Assert.Contains("E11.9", findings[0].Message); // the least specific choices first
        Assert.Contains("S72.001A", findings[1].Message);
        Assert.Contains("T14.90XA", findings[2].Message);
    }

    [Fact]
    public void Excludes1_Type1AndType2Diabetes_AreFlagged()
    {
        var finding = Assert.Single(Validate(InFy2024, PatientContext.Unknown, ["E11.9", "E10.9"], Px("G0439", 1, 2)));

        Assert.Equal("DX-EXCLUDES1", finding.RuleId);
        Assert.Contains("tabular notes", finding.Source);
    }

    [Fact]
    public void MceEdits_SexAgeAndManifestation()
    {
        var findings = Validate(InFy2024, new PatientContext(40, Sex.Male), ["D63.1", "O80", "A33", "N18.30"], Px("G0439", 1, 2, 3, 4));

        Assert.Equal(["MCE-MANIFESTATION", "MCE-SEX", "MCE-AGE"], findings.Select(f => f.RuleId));
        Assert.All(findings, f => Assert.StartsWith("MCE v41.1", f.Source));
    }

    [Fact]
    public void Hcpcs_TerminatedOrNotYetEffective_IsRejectedForTheDate()
    {
        var findings = Validate(new DateOnly(2025, 6, 1), PatientContext.Unknown, ["E11.9"], Px("A4397"), Px("A4295"), Px("G0439"));

        Assert.Equal([("PX-INACTIVE", 1u), ("PX-INACTIVE", 2u)], findings.Where(f => f.RuleId.StartsWith("PX", StringComparison.Ordinal)).Select(f => (f.RuleId, f.LineNumbers.Single())));
        Assert.Contains("terminated 2021-12-31", findings.First(f => f.RuleId == "PX-INACTIVE").Message);
    }

    [Fact]
    public void DateOfServiceAfterTheLoadedEdition_IsSaid()
    {
        var findings = Validate(new DateOnly(2026, 3, 2), PatientContext.Unknown, ["E11.9"], Px("G0439"));

        var warning = Assert.Single(findings, f => f.RuleId == "DX-EDITION");
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("2023-10-01 to 2024-09-30", warning.Message);
    }

    [Fact]
    public void RealModifierList_KnowsLevelTwoAndCptModifiers()
    {
        var findings = Validate(InFy2024, PatientContext.Unknown, ["E11.9"], new CodedProcedure("20610", ["XS", "59", "RT"], 1, [1]));

        Assert.Equal(["PX-CPT-NOT-LOADED"], findings.Select(f => f.RuleId));
    }
}
