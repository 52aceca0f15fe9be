using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ServiceDefaults.ReferenceData;

namespace RevenueCycle.Infrastructure.Tests.ReferenceData;

public sealed class ReferenceDataWatcherTests
{
    private static void WriteIcd(string directory, string fileName, string secondRow) =>
        File.WriteAllText(Path.Combine(directory, "icd10cm", fileName), $"order,code,code_nodot,billable,long_description\n1,E11,E11,0,Type 2 diabetes mellitus\n{secondRow}\n");

    [Fact]
    public void Reload_SwapsReleases_AndABrokenOneLeavesTheEditionInForce()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        Directory.CreateDirectory(Path.Combine(directory, "icd10cm"));
        WriteIcd(directory, "icd10cm_order_fy2026.csv", "2,E11.9,E119,1,Type 2 diabetes mellitus without complications");
        var catalog = new ReferenceDataCatalog(DemoPack.Load(TimeProvider.System));
        var watcher = new ReferenceDataWatcher(catalog, directory, ReferenceParts.CodeSets, TimeSpan.FromMinutes(1), TimeProvider.System, NullLogger<ReferenceDataWatcher>.Instance);

        var loaded = watcher.Reload();
        Assert.Equal(directory, loaded.Source);
        Assert.Equal("ICD-10-CM FY2026", catalog.Current.Icd10Cm.Single().Version);

        WriteIcd(directory, "icd10cm_order_fy2027.csv", "2,E11.A,E11A,yes,Type 2 diabetes mellitus without complications in remission");
        var error = Assert.Throws<ReferenceDataException>(() => watcher.Reload());

        Assert.Equal(("icd10cm_order_fy2027.csv", 3), (error.File, error.Line));
        Assert.Contains("icd10cm_order_fy2027.csv:3", watcher.LastError);
        Assert.Same(loaded, catalog.Current);

        WriteIcd(directory, "icd10cm_order_fy2027.csv", "2,E11.A,E11A,1,Type 2 diabetes mellitus without complications in remission");
        watcher.Reload();
        Assert.Equal(["ICD-10-CM FY2026", "ICD-10-CM FY2027"], catalog.Current.Icd10Cm.Select(e => e.Version));
        Assert.Equal("", watcher.LastError);
        Assert.NotNull(catalog.Current.For(new DateOnly(2026, 11, 1)).Icd10Cm!.Find("E11.A"));
        Assert.Null(catalog.Current.For(new DateOnly(2026, 9, 30)).Icd10Cm!.Find("E11.A")); // by date of service
    }
}
