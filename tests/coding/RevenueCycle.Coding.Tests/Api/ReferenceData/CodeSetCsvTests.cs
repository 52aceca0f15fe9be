using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Coding.Api.ReferenceData;
using RevenueCycle.Coding.Domain.CodeSets;

namespace RevenueCycle.Coding.Tests.Api.ReferenceData;

public sealed class CodeSetCsvTests
{
    [Fact]
    public void Load_BadRow_IsRefusedWithFileAndLine()
    {
        var csv = "# header\nICD10CM,E11.9,1,Type 2 diabetes mellitus without complications\nICD10CM,I10,yes,Essential hypertension\n";

        var error = Assert.Throws<ValidationException>(() => CodeSetCsv.Load(new StringReader(csv), "pack.csv", "t", new DateOnly(2026, 1, 1)));

        Assert.Equal("pack.csv:3", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Load_QuotedDescriptionWithCommas_KeepsIt()
    {
        var codes = CodeSetCsv.Load(new StringReader("ICD10CM,E78.5,1,\"Hyperlipidemia, unspecified\"\n"), "pack.csv", "t", new DateOnly(2026, 1, 1));

        Assert.Equal("Hyperlipidemia, unspecified", codes.Find(CodeSystem.Icd10Cm, "E78.5")!.Description);
    }

    [Fact]
    public void DemoPack_Loads_WithNoCptDescriptors()
    {
        var codes = new DemoCodeSetProvider().For(new DateOnly(2026, 1, 1));

        Assert.True(codes.Find(CodeSystem.Icd10Cm, "E11.9")!.Billable);
        Assert.False(codes.Find(CodeSystem.Icd10Cm, "E11")!.Billable);
        Assert.False(codes.HasCpt);
        Assert.Equal("", codes.Find(CodeSystem.Modifier, "25")!.Description); // CPT modifier titles are AMA content
    }
}
