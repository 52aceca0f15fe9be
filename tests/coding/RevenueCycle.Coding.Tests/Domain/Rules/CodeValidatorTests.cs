using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.Rules;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.ReferenceData.Edits;

namespace RevenueCycle.Coding.Tests.Domain.Rules;

/// <summary>The validation rules on the demo pack (each rule's edge); the full CMS files are in <see cref="CodeValidatorOnCmsFilesTests"/>.</summary>
public sealed class CodeValidatorTests
{
    private static readonly CodeSetView Codes = DemoPack.Load(TimeProvider.System).For(new DateOnly(2026, 3, 2));

    private static IReadOnlyList<Finding> Validate(string[] diagnoses, params CodedProcedure[] procedures) => ValidateFor(PatientContext.Unknown, diagnoses, procedures);

    private static IReadOnlyList<Finding> ValidateFor(PatientContext patient, string[] diagnoses, params CodedProcedure[] procedures) =>
        CodeValidator.Validate(Codes, patient, diagnoses.Select(d => new Diagnosis(d, "")).ToArray(), procedures);

    private static CodedProcedure Px(string code, uint[]? pointers = null, uint units = 1, params string[] modifiers) => new(code, modifiers, units, pointers ?? [1]);

    [Fact]
    public void Validate_BillableCodesAndGoodPointers_HasNoFindings()
    {
        Assert.Empty(Validate(["E11.9", "I10"], Px("G0439", [1, 2]), Px("J1100", [2], 4, "RT")));
    }

    [Fact]
    public void Validate_HeaderCode_NeedsSpecificityAndListsChildren()
    {
        var finding = Assert.Single(Validate(["E11"], Px("G0439")));

        Assert.Equal(("DX-NOT-BILLABLE", Severity.Reject, Owner.Coding, "diagnoses[0].code"), (finding.RuleId, finding.Severity, finding.Owner, finding.Field));
        Assert.Contains("E11.9", finding.Message);
        Assert.Contains("E11.65", finding.Message);
        Assert.Contains(DemoPack.Version, finding.Source);
    }

    [Fact]
    public void Validate_MissingSeventhCharacter_ListsTheValuesAndCompletions()
    {
        var finding = Assert.Single(Validate(["T14.90"], Px("G0439")));

        Assert.Equal("DX-SEVENTH-CHARACTER", finding.RuleId);
        Assert.Contains("A = initial encounter", finding.Message);
        Assert.Contains("T14.90XA", finding.Message);
    }

    [Fact]
    public void Validate_MissingPlaceholderX_NamesTheCode()
    {
        var finding = Assert.Single(Validate(["T14.90A"], Px("G0439")));

        Assert.Equal("DX-PLACEHOLDER-X", finding.RuleId);
        Assert.Contains("T14.90XA", finding.Message);
    }

    [Fact]
    public void Validate_Excludes1Pair_IsFlaggedOnce()
    {
        var finding = Assert.Single(Validate(["E11.9", "E10.9"], Px("G0439", [1, 2])));

        Assert.Equal(("DX-EXCLUDES1", Severity.Warning), (finding.RuleId, finding.Severity));
        Assert.Contains("E10.9", finding.Message);
    }

    [Fact]
    public void Validate_SexConflict_IsRejected()
    {
        var findings = ValidateFor(new PatientContext(30, Sex.Male), ["O80"], Px("G0439"));

        Assert.Equal("MCE-SEX", Assert.Single(findings).RuleId);
        Assert.Empty(ValidateFor(new PatientContext(30, Sex.Female), ["O80"], Px("G0439")));
        Assert.Empty(ValidateFor(PatientContext.Unknown, ["O80"], Px("G0439")));
    }

    [Fact]
    public void Validate_ManifestationFirstListed_IsRejected_SecondIsFine()
    {
        Assert.Equal("MCE-MANIFESTATION", Assert.Single(Validate(["F02.80", "G20"], Px("G0439", [1, 2]))).RuleId);
        Assert.Empty(Validate(["G20", "F02.80"], Px("G0439", [1, 2])));
    }

    [Theory]
    [InlineData("E1", "DX-FORMAT")]
    [InlineData("U07.1", "DX-UNKNOWN")]
    [InlineData("Q99.9", "DX-UNKNOWN")]
    public void Validate_BadDiagnosis_IsRejectedNeverThrown(string code, string rule)
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

        Assert.Equal(("PTR-INVALID", "procedures[1].diagnosis_pointers[0]"), (finding.RuleId, finding.Field));
        Assert.Equal([2u], finding.LineNumbers);
    }

    [Fact]
    public void Validate_ModifierRules_FollowTheProcedure()
    {
        Assert.Equal("MOD-EM-ONLY", Assert.Single(Validate(["E11.9"], Px("J1100", modifiers: "25"))).RuleId);
        Assert.Contains(Validate(["E11.9"], Px("99213", modifiers: "LT")), f => f.RuleId == "MOD-NOT-FOR-EM");
        Assert.DoesNotContain(Validate(["E11.9"], Px("99213", modifiers: "25")), f => f.Severity == Severity.Reject);
        Assert.Contains(Validate(["E11.9"], Px("J1100", modifiers: ["LT", "RT"])), f => f.RuleId == "MOD-LT-RT");
    }

    [Fact]
    public void Validate_ProcedureProblems_AreEachReported()
    {
        var findings = Validate(["E11.9"], Px("J9999", units: 0, modifiers: ["LT", "Q", "ZZ", "RT", "TC"]), Px("ABC", []));
        var rules = findings.Select(f => f.RuleId).ToHashSet();

        Assert.Superset(new HashSet<string> { "PX-UNKNOWN", "PX-UNITS", "MOD-TOO-MANY", "MOD-FORMAT", "MOD-UNKNOWN", "PX-FORMAT", "PTR-REQUIRED" }, rules);
        Assert.Equal(Severity.Warning, findings.First(f => f.RuleId == "MOD-UNKNOWN").Severity);
    }

    [Fact]
    public void Validate_CptWithoutALicensedFile_IsCheckedForShapeOnly()
    {
        var finding = Assert.Single(Validate(["E11.9"], Px("99213")));

        Assert.Equal(("PX-CPT-NOT-LOADED", Severity.Info), (finding.RuleId, finding.Severity));
    }

    [Fact]
    public void Validate_DenialHistory_WarnsOnTheDeniedCombinationOnly()
    {
        DenialPattern[] history = [new("12345", "99214", "25", "Z0000", 3, ["97"], DateTimeOffset.UtcNow)];
        Diagnosis[] diagnoses = [new("Z00.00", ""), new("I10", "")];

        var denied = CodeValidator.Validate(Codes, PatientContext.Unknown, diagnoses, [Px("99214", [1], 1, "25")], history);
        var otherDiagnosis = CodeValidator.Validate(Codes, PatientContext.Unknown, diagnoses, [Px("99214", [2], 1, "25")], history);
        var noModifier = CodeValidator.Validate(Codes, PatientContext.Unknown, diagnoses, [Px("99214", [1])], history);

        var warning = Assert.Single(denied, f => f.RuleId == "DENIAL-HISTORY");
        Assert.Equal("Payer 12345 denied 99214 with modifier 25 and Z00.00 3 times in the last 90 days (CARC 97).", warning.Message);
        Assert.DoesNotContain(otherDiagnosis, f => f.RuleId == "DENIAL-HISTORY");
        Assert.DoesNotContain(noModifier, f => f.RuleId == "DENIAL-HISTORY");
    }

    [Fact]
    public void Validate_NoDiagnoses_IsRejected()
    {
        Assert.Contains(Validate([]), f => f.RuleId == "DX-REQUIRED");
    }
}
