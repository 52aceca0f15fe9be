using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.Posting.Api;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.Testing;

namespace RevenueCycle.Posting.Tests.Api;

public sealed class PostingOptionsTests
{
    [RequiresSharedData]
    [Fact]
    public void LoadExpectedPayments_FeeScheduleDirectory_FindsTheRvuAndGpciFiles()
    {
        var options = new PostingOptions { FeeSchedule = Path.GetDirectoryName(SharedData.File("data", "mpfs", "gpci_2025.csv"))!, Locality = "02102:01" };

        var expected = options.LoadExpectedPayments();

        Assert.True(expected.HasAnySchedule);
        Assert.Equal((11_220L, "Medicare PFS pprrvu_2025_jan, ALASKA*, non-facility"), expected.ExpectedAllowed("55555", "99213", [], 1, "11"));
    }

    [Fact]
    public void LoadExpectedPayments_NothingConfigured_PricesNothing()
    {
        var expected = new PostingOptions().LoadExpectedPayments();

        Assert.False(expected.HasAnySchedule);
        Assert.Null(expected.ExpectedAllowed("55555", "99213", [], 1, "11"));
    }

    [Fact]
    public void LoadExpectedPayments_DirectoryWithoutAnRvuFile_SaysSo()
    {
        var options = new PostingOptions { FeeSchedule = Directory.CreateTempSubdirectory().FullName };

        var error = Assert.Throws<ReferenceDataException>(options.LoadExpectedPayments);

        Assert.Contains("pprrvu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Watcher_NewContracts_AreSwappedIn_AndABrokenReleaseKeepsTheTablesInForce()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "contracts.csv");
        File.WriteAllText(path, "payer_id,hcpcs,modifier,allowed,percent_of_medicare\n12345,99213,,95.00,\n");
        var options = new PostingOptions { Contracts = path };
        var tables = options.LoadTables();
        var watcher = new PostingTablesWatcher("Contracts", path, tables, options, TimeProvider.System, NullLogger<PostingTablesWatcher>.Instance);

        File.WriteAllText(path, "payer_id,hcpcs,modifier,allowed,percent_of_medicare\n12345,99213,,99.00,\n");
        watcher.ReloadNow();
        var swapped = tables.Expected!.ExpectedAllowed("12345", "99213", [], 1, "11");
        File.WriteAllText(path, "payer_id,hcpcs,modifier,allowed,percent_of_medicare\n12345,99213,,,\n");
        var error = Assert.Throws<ReferenceDataException>(watcher.ReloadNow);

        Assert.Equal(9_900, swapped!.Value.Cents);
        Assert.Equal(("contracts.csv", 2), (error.File, error.Line));
        Assert.Equal(9_900, tables.Expected!.ExpectedAllowed("12345", "99213", [], 1, "11")!.Value.Cents);
    }
}
