using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.Testing;

namespace RevenueCycle.ReferenceData.Tests.Catalog;

public sealed class ReferenceDirectoryLoaderTests
{
    private static readonly Lazy<ReferenceDataSet> Shared = new(() => ReferenceDirectoryLoader.Load(SharedData.Data));

    [Fact]
    public void Load_SharedData_DatesEveryEditionByItsFileName()
    {
        var set = Shared.Value;

        var icd = Assert.Single(set.Icd10Cm);
        Assert.Equal(("ICD-10-CM FY2024", new DateOnly(2023, 10, 1), new DateOnly(2024, 9, 30)), (icd.Version, icd.EffectiveFrom, icd.EffectiveTo!.Value));
        Assert.True(icd.Notes.Count > 20_000);
        Assert.Equal(("HCPCS 2026 January", new DateOnly(2026, 1, 1)), (set.Hcpcs.Single().Version, set.Hcpcs.Single().EffectiveFrom));
        Assert.Equal("MCE v41.1 FY2024", set.Mce.Single().Version);
        Assert.Null(set.Cpt); // CPT comes only from the operator
    }

    [Fact]
    public void For_DateOfService_PicksTheEditionInForceAndSaysWhenNoneIs()
    {
        var inForce = Shared.Value.For(new DateOnly(2024, 3, 1));
        var later = Shared.Value.For(new DateOnly(2026, 3, 2));

        Assert.True(inForce.Icd10CmCurrent);
        Assert.False(later.Icd10CmCurrent); // FY2026 is not loaded: FY2024 is used, and findings will say so
        Assert.Equal("ICD-10-CM FY2024", later.Icd10Cm!.Version);
        Assert.Equal("XE", later.FindModifier("xe")!.Code);
        Assert.Equal("CPT", later.FindModifier("25")!.Kind);
    }

    [Fact]
    public void Reload_BrokenRelease_KeepsTheSetInForceAndNamesFileAndLine()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(directory, "icd10cm"));
        File.WriteAllText(Path.Combine(directory, "icd10cm", "icd10cm_order_fy2025.csv"),
            "order,code,code_nodot,billable,long_description\n1,E11,E11,0,Type 2 diabetes mellitus\n2,E11.9,E119,2,Type 2 diabetes mellitus without complications\n");
        var catalog = new ReferenceDataCatalog(Shared.Value);

        var error = Assert.Throws<ReferenceDataException>(() => catalog.Reload(() => ReferenceDirectoryLoader.Load(directory)));

        Assert.Equal(("icd10cm_order_fy2025.csv", 3), (error.File, error.Line));
        Assert.Same(Shared.Value, catalog.Current);
    }

    [Fact]
    public void Reload_NewRelease_SwapsInWithoutTouchingReaders()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(directory, "icd10cm"));
        File.WriteAllText(Path.Combine(directory, "icd10cm", "icd10cm_order_fy2026.csv"),
            "order,code,code_nodot,billable,long_description\n1,E11,E11,0,Type 2 diabetes mellitus\n2,E11.A,E11A,1,Type 2 diabetes mellitus without complications in remission\n");
        var catalog = new ReferenceDataCatalog(Shared.Value);
        var before = catalog.Current;

        catalog.Reload(() => ReferenceDirectoryLoader.Load(directory));

        Assert.NotNull(catalog.Current.For(new DateOnly(2026, 3, 2)).Icd10Cm!.Find("E11.A"));
        Assert.Null(before.For(new DateOnly(2026, 3, 2)).Icd10Cm!.Find("E11.A")); // a caller holding the old set still sees it whole
    }

    [Fact]
    public void Load_MissingDirectory_IsRefused()
    {
        Assert.Throws<ReferenceDataException>(() => ReferenceDirectoryLoader.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }
}
