using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ReferenceData.Ncci;

namespace RevenueCycle.ReferenceData.Tests.Demo;

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
    public void Embedded_CarriesAnOpenEndedNcciRelease()
    {
        var ncci = DemoPack.Load(TimeProvider.System).For(new DateOnly(2026, 3, 2)).Ncci!;

        Assert.True(ncci.Covers(new DateOnly(2031, 1, 1)));
        Assert.True(ncci.PtpPractitioner!.TryFindInForce("20610", "99213", new DateOnly(2026, 3, 2), out var edit));
        Assert.Equal(ModifierIndicator.Allowed, edit.Indicator);
        Assert.False(ncci.PtpPractitioner.TryFindInForce("0001A", "0591T", new DateOnly(2024, 1, 1), out _)); // deleted 2023-12-31
        Assert.Equal(new MueEdit("A0425", 250, MueAdjudication.Line, "Demo"), ncci.MuePractitioner!.Find("A0425"));
        Assert.Equal(2, ncci.AddOns!.Find("G2211")!.Value.Type);
        Assert.Contains("99215", ncci.AddOns.Find("99417")!.Value.Primaries);
    }

    [Fact]
    public void BadNcciRow_IsRefusedWithItsLine()
    {
        var pack = "system,code,flag,text\nPTP,20610/99213,1,1\nPTP,20610/99214,7,1\n";

        var error = Assert.Throws<ReferenceDataException>(() => DemoPack.Load(new StringReader(pack), "pack.csv", TimeProvider.System));

        Assert.Equal(("pack.csv", 3), (error.File, error.Line));
        Assert.Contains("modifier indicator '7'", error.Problem);
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
