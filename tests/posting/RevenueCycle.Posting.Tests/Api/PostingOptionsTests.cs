using RevenueCycle.Posting.Api;
using RevenueCycle.Testing;

namespace RevenueCycle.Posting.Tests.Api;

public sealed class PostingOptionsTests
{
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

        var error = Assert.Throws<FileNotFoundException>(options.LoadExpectedPayments);

        Assert.Contains("pprrvu", error.Message, StringComparison.Ordinal);
    }
}
