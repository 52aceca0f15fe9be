using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Scrubbing.Domain.Rules;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Domain.Rules;

/// <summary>The diagnosis and procedure edits the scrubber shares with coding, on the demo pack and on the CMS files.</summary>
public sealed class CodeSetRulesTests
{
    private static readonly ScrubContext Demo = new(DemoPack.Load(TimeProvider.System), PayerRuleSet.Empty, Samples.DateOfService.AddDays(10));

    private static Claim Clean() => Samples.Claim("K1") with { PatientControlNumber = "K1" };

    private static List<Finding> Coding(Claim claim, ScrubContext? context = null) =>
        ClaimScrubber.Scrub(claim, context ?? Demo).Where(f => f.Owner == Owner.Coding && f.Severity != Severity.Info).ToList();

    [Fact]
    public void CleanClaim_HasNoCodingFindings()
    {
        Assert.Empty(Coding(Clean()));
    }

    [Theory]
    [InlineData("E11", "DX-NOT-BILLABLE")]
    [InlineData("E11.99", "DX-UNKNOWN")]
    [InlineData("250.00", "DX-FORMAT")]
    [InlineData("O80", "MCE-SEX")]
    public void Diagnosis_Defect_IsACodingReject(string code, string rule)
    {
        var claim = Clean() with { Patient = Clean().Patient! with { Sex = Sex.Male }, Diagnoses = [new Diagnosis(code, ""), new Diagnosis("I10", "")] };

        var finding = Assert.Single(Coding(claim));

        Assert.Equal((rule, Severity.Reject, "claim.diagnoses[0].code"), (finding.RuleId, finding.Severity, finding.Field));
        Assert.Contains(DemoPack.Version, finding.Source);
    }

    [Fact]
    public void ManifestationFirst_AndBadPointers_AreFound()
    {
        var claim = Clean() with
        {
            Diagnoses = [new Diagnosis("F02.80", ""), new Diagnosis("I10", "")],
            Lines = [Clean().Lines[0] with { DiagnosisPointers = [3] }, Clean().Lines[1] with { DiagnosisPointers = [] }],
        };

        Assert.Equal(["MCE-MANIFESTATION", "PTR-INVALID", "PTR-REQUIRED"], Coding(claim).Select(f => f.RuleId).Order());
    }

    [Fact]
    public void ModifierNotForTheProcedure_IsFound()
    {
        var claim = Clean() with { Lines = [Clean().Lines[0], Clean().Lines[1] with { Modifiers = ["25"] }] };

        var finding = Assert.Single(Coding(claim));

        Assert.Equal(("MOD-EM-ONLY", "claim.lines[1].modifiers[0]", 2u), (finding.RuleId, finding.Field, finding.LineNumbers.Single()));
    }

    [Fact]
    public void CptWithoutTheLicensedFile_IsOneNoticeForTheClaim()
    {
        var notices = ClaimScrubber.Scrub(Clean(), Demo).Where(f => f.RuleId == "PX-CPT-NOT-LOADED").ToList();

        Assert.Equal("2 CPT codes were checked for shape only: no CPT file is loaded.", Assert.Single(notices).Message);
    }

    [RequiresSharedData]
    [Fact]
    public void CmsFiles_AgeFromTheDateOfBirth_AndSevenCharacterRules()
    {
        var claim = SharedTables.Claim(null, SharedTables.Line("99213")) with
        {
            Diagnoses = [new Diagnosis("S72.001", ""), new Diagnosis("N40.0", "")],
            Patient = Clean().Patient! with { Sex = Sex.Female },
        };

        var rules = Coding(claim, SharedTables.Context).Select(f => f.RuleId).Order().ToArray();

        Assert.Equal(["DX-SEVENTH-CHARACTER", "MCE-SEX"], rules);
    }
}
