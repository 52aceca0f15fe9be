using RevenueCycle.Coding.Api.ReferenceData;
using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.Coding.Tests.Api.ReferenceData;

public sealed class DemoPackTests
{
    [Fact]
    public void Embedded_LoadsOpenEndedEditionsWithoutCpt()
    {
        var set = DemoPack.Load(TimeProvider.System);
        var view = set.For(new DateOnly(2026, 3, 2));

        Assert.True(view.Icd10CmCurrent);
        Assert.True(view.Icd10Cm!.Find("E11.9")!.Billable);
        Assert.False(view.Icd10Cm.Find("E11")!.Billable);
        Assert.NotNull(view.Icd10Cm.Notes.SeventhCharacters("T14.90"));
        Assert.Null(view.Cpt);
        Assert.Equal("", view.FindModifier("25")!.Description); // CPT modifier titles are AMA content
        Assert.Equal("demo pack", set.Source);
    }

    [Fact]
    public void BadRow_IsRefusedWithItsTrueLine()
    {
        var pack = "# a comment\nsystem,code,flag,text\nICD10CM,E11.9,1,Type 2 diabetes mellitus without complications\n# another\nICD10CM,I10,yes,Essential hypertension\n";

        var error = Assert.Throws<ReferenceDataException>(() => DemoPack.Load(new StringReader(pack), "pack.csv", TimeProvider.System));

        Assert.Equal(("pack.csv", 5), (error.File, error.Line));
    }

    [Fact]
    public void QuotedDescriptionsWithCommas_AreKept()
    {
        var pack = "system,code,flag,text\nICD10CM,E78.5,1,\"Hyperlipidemia, unspecified\"\n";

        var set = DemoPack.Load(new StringReader(pack), "pack.csv", TimeProvider.System);

        Assert.Equal("Hyperlipidemia, unspecified", set.Icd10Cm[0].Find("E785")!.Description);
        Assert.Equal("E78.5", Icd10CmEdition.WithDot("E785"));
    }
}
