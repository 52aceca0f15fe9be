using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.Testing;

namespace RevenueCycle.ReferenceData.Tests.Catalog;

public sealed class ReferenceDirectoryLoaderTests
{
    private static readonly Lazy<ReferenceDataSet> Shared = new(() => ReferenceDirectoryLoader.Load(SharedData.Data));

    [RequiresSharedData]
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

    [RequiresSharedData]
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

    [RequiresSharedData]
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

    [RequiresSharedData]
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

    [RequiresSharedData]
    [Fact]
    public void Load_SharedNcci_OneQuarterWithEveryTableItHas()
    {
        var set = ReferenceDirectoryLoader.Load(SharedData.Data, ReferenceParts.Ncci);

        var release = Assert.Single(set.Ncci);
        Assert.Equal(("2024Q3", new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30)), (release.Quarter, release.EffectiveFrom, release.EffectiveTo!.Value));
        Assert.Equal(("NCCI PTP practitioner 2024Q3", 2_546_017), (release.PtpPractitioner!.Version, release.PtpPractitioner.Count));
        Assert.Null(release.PtpOutpatientHospital); // not in the shared data
        Assert.Equal((14_677, 14_628, 2_928), (release.MuePractitioner!.Count, release.MueOutpatientHospital!.Count, release.MueDmeSupplier!.Count));
        Assert.Equal("NCCI add-on codes 2024Q3", release.AddOns!.Version);
        Assert.Empty(set.Icd10Cm); // only the parts asked for
        Assert.True(set.For(new DateOnly(2024, 8, 1)).NcciCurrent);
        Assert.False(set.For(new DateOnly(2024, 10, 1)).NcciCurrent);
    }

    [Fact]
    public void Load_CmsNcciFilesInQuarterFolders_MergesThePartsAndDatesEachRelease()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var q1 = Directory.CreateDirectory(Path.Combine(directory, "ncci", "2025q1")).FullName;
        var q2 = Directory.CreateDirectory(Path.Combine(directory, "ncci", "2025q2")).FullName;
        const string Title = "Column 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier\tPTP Edit Rationale\n";
        File.WriteAllText(Path.Combine(q1, "ccipra-v311r0-f1.txt"), Title + "20610\t99213\t\t20200101\t*\t1\tCPT Manual or CMS manual coding instruction\n");
        File.WriteAllText(Path.Combine(q1, "ccipra-v311r0-f2.txt"), Title + "29881\t29877\t\t20020101\t*\t0\tMisuse of Column Two code with Column One code\n");
        File.WriteAllText(Path.Combine(q2, "ccipra-v312r0-f1.txt"), Title + "29881\t29877\t\t20020101\t20250331\t0\tMisuse of Column Two code with Column One code\n");
        File.WriteAllText(Path.Combine(directory, "ncci", "MCR_MUE_PractitionerServices_Eff_04-01-2025.csv"),
            "CMS title line\nHCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n20610,2,3 Date of Service Edit: Clinical,Clinical: Data\n");

        var set = ReferenceDirectoryLoader.Load(directory, ReferenceParts.All);

        Assert.Equal(["2025Q1", "2025Q2"], set.Ncci.Select(r => r.Quarter));
        var first = set.For(new DateOnly(2025, 2, 1)).Ncci!;
        Assert.Equal(2, first.PtpPractitioner!.Count); // f1 and f2 are one table
        Assert.Null(first.MuePractitioner);
        var second = set.For(new DateOnly(2025, 5, 1)).Ncci!;
        Assert.Equal("NCCI MUE practitioner 2025Q2", second.MuePractitioner!.Version);
        Assert.False(second.PtpPractitioner!.TryFindInForce("29881", "29877", new DateOnly(2025, 5, 1), out _));
    }

    [Fact]
    public void Reload_BrokenNcciRelease_KeepsTheQuarterInForceAndNamesFileAndLine()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var ncci = Directory.CreateDirectory(Path.Combine(directory, "ncci")).FullName;
        File.WriteAllText(Path.Combine(ncci, "ptp_practitioner_2025q1.csv"), "column1,column2,deletion_date,modifier_indicator,rationale_id\n20610,99213,,1,1\n");
        var catalog = new ReferenceDataCatalog(ReferenceDirectoryLoader.Load(directory, ReferenceParts.Ncci));
        var before = catalog.Current;
        File.WriteAllText(Path.Combine(ncci, "mue_practitioner_2025q2.csv"), "hcpcs,mue_value,mai,mue_rationale\n20610,2,3,Clinical: Data\n99213,two,3,Clinical: Data\n");

        var error = Assert.Throws<ReferenceDataException>(() => catalog.Reload(() => ReferenceDirectoryLoader.Load(directory, ReferenceParts.Ncci)));

        Assert.Equal(("mue_practitioner_2025q2.csv", 3), (error.File, error.Line));
        Assert.Same(before, catalog.Current);
        Assert.Equal("2025Q1", Assert.Single(catalog.Current.Ncci).Quarter);
    }

    [Fact]
    public void Load_NcciFileWithoutAQuarter_IsRefusedByName()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(directory, "ncci"));
        File.WriteAllText(Path.Combine(directory, "ncci", "ptp_practitioner.csv"), "column1,column2,deletion_date,modifier_indicator,rationale_id\n20610,99213,,1,1\n");

        var error = Assert.Throws<ReferenceDataException>(() => ReferenceDirectoryLoader.Load(directory, ReferenceParts.Ncci));

        Assert.Equal("ptp_practitioner.csv", error.File);
        Assert.Contains("quarter", error.Problem);
    }

    [Fact]
    public void Load_MissingDirectory_IsRefused()
    {
        Assert.Throws<ReferenceDataException>(() => ReferenceDirectoryLoader.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }
}
