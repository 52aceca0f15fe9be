using RevenueCycle.Testing;

namespace RevenueCycle.Cli.Tests.Commands;

/// <summary><c>rcm sandbox respond</c>: the payer side of an interchange, offline, in files that pass the guides.</summary>
public sealed class SandboxCommandsTests
{
    private static async Task<(int Exit, string Output)> Rcm(params string[] args)
    {
        var output = new StringWriter();
        var exit = await Cli.RunAsync(args, output, new StringWriter());
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Respond_ToTheExampleClaims_WritesA999A277CaAndAn835ThatValidate()
    {
        var directory = Directory.CreateTempSubdirectory().FullName;
        var interchange = Path.Combine(directory, "claims.837");
        await Rcm("x12", "build-837", Path.Combine(SharedData.Repository, "docs", "examples", "claims.json"), "--out", interchange, "--control", "42");

        var (exit, output) = await Rcm("sandbox", "respond", interchange, "--out", Path.Combine(directory, "answers"), "--at", "2026-03-02T09:30:00Z");

        var files = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(0, exit);
        Assert.Equal(["277CA", "835", "999"], files.Select(f => Path.GetFileName(f).Split('-')[0]).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var (valid, summary) = await Rcm("x12", "validate", file);
            Assert.True(valid == 0, summary);
        }

        var remittance = await File.ReadAllTextAsync(files.Single(f => Path.GetFileName(f).StartsWith("835", StringComparison.Ordinal)), TestContext.Current.CancellationToken);
        Assert.Contains("ST*835*0001~", remittance); // ST03 is not used in the 835
    }

    [Fact]
    public async Task Respond_FileThatDoesNotExist_IsAUsageError()
    {
        var (exit, _) = await Rcm("sandbox", "respond", "/no/such/file.837");

        Assert.Equal(2, exit);
    }
}
