using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Coding.Api.ReferenceData;
using RevenueCycle.Coding.Domain.CodeSets;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.Rules;

namespace RevenueCycle.Coding.Tests.Domain.Rules;

public sealed class CodeValidatorTests
{
    private static readonly CodeSet Codes = new DemoCodeSetProvider().For(new DateOnly(2026, 3, 2));

    private static IReadOnlyList<Finding> Validate(string[] diagnoses, params CodedProcedure[] procedures) =>
        CodeValidator.Validate(Codes, diagnoses.Select(d => new Diagnosis(d, "")).ToArray(), procedures);

    private static CodedProcedure Px(string code, uint[]? pointers = null, uint units = 1, params string[] modifiers) => new(code, modifiers, units, pointers ?? [1]);

    [Fact]
    public void Validate_BillableCodesAndGoodPointers_HasNoRejects()
    {
        var findings = Validate(["E11.9", "I10"], Px("G0439", [1, 2]), Px("J1100", [2], 4, "RT"));

        Assert.Empty(findings);
    }

    [Fact]
    public void Validate_HeaderCode_NeedsSpecificityAndListsChildren()
    {
        var finding = Assert.Single(Validate(["E11"], Px("G0439")));

        Assert.Equal("DX-NOT-BILLABLE", finding.RuleId);
        Assert.Equal(Severity.Reject, finding.Severity);
        Assert.Equal(Owner.Coding, finding.Owner);
        Assert.Contains("E11.9", finding.Message);
        Assert.Contains("E11.65", finding.Message);
        Assert.Equal("diagnoses[0].code", finding.Field);
        Assert.Contains(DemoCodeSetProvider.Version, finding.Source);
    }

    [Theory]
    [InlineData("E1", "DX-FORMAT")]
    [InlineData("U07.1", "DX-UNKNOWN")] // a real code (COVID-19), not in the demo pack
    [InlineData("E11.9999X", "DX-FORMAT")]
    [InlineData("Q99.9", "DX-UNKNOWN")]
    public void Validate_BadDiagnosis_IsRejected(string code, string rule)
    {
        Assert.Contains(Validate([code], Px("G0439")), f => f.RuleId == rule && f.Severity == Severity.Reject);
    }

    [Fact]
    public void Validate_DiagnosisWithOrWithoutDot_IsTheSameCode()
    {
        Assert.Empty(Validate(["e119", "I10"], Px("G0439", [1, 2])));
    }

    [Fact]
    public void Validate_PointerBeyondTheDiagnoses_IsRejectedOnItsLine()
    {
        var finding = Assert.Single(Validate(["E11.9"], Px("G0439"), Px("J1100", [3])));

        Assert.Equal("PTR-INVALID", finding.RuleId);
        Assert.Equal([2u], finding.LineNumbers);
        Assert.Equal("procedures[1].diagnosis_pointers[0]", finding.Field);
    }

    [Fact]
    public void Validate_ProcedureProblems_AreEachReported()
    {
        var findings = Validate(["E11.9"], Px("J9999", units: 0, modifiers: ["LT", "Q", "ZZ", "RT", "TC"]), Px("ABC", []));
        var rules = findings.Select(f => f.RuleId).ToHashSet();

        Assert.Superset(new HashSet<string> { "PX-UNKNOWN", "PX-UNITS", "MOD-TOO-MANY", "MOD-FORMAT", "MOD-UNKNOWN", "PX-FORMAT", "PTR-REQUIRED" }, rules);
        Assert.Equal(Severity.Warning, findings.Single(f => f.RuleId == "MOD-UNKNOWN").Severity);
    }

    [Fact]
    public void Validate_CptWithoutALicensedFile_IsCheckedForShapeOnly()
    {
        var finding = Assert.Single(Validate(["E11.9"], Px("99213")));

        Assert.Equal("PX-CPT-NOT-LOADED", finding.RuleId);
        Assert.Equal(Severity.Info, finding.Severity);
    }

    [Fact]
    public void Validate_NoDiagnoses_IsRejected()
    {
        Assert.Contains(Validate([]), f => f.RuleId == "DX-REQUIRED");
    }
}
