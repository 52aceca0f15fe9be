using System.Text.Json;
using RevenueCycle.Testing;

namespace RevenueCycle.Cli.Tests.Commands;

/// <summary><c>rcm x12</c> offline: parse and validate the shared samples, build an 837 from the example claims.</summary>
public sealed class X12CommandsTests
{
    private static async Task<(int Exit, string Output)> Rcm(params string[] args)
    {
        var output = new StringWriter();
        var exit = await Cli.RunAsync(args, output, new StringWriter());
        return (exit, output.ToString());
    }

    [RequiresSharedData]
    [Fact]
    public async Task Parse_ValidFile_PrintsTheTransactionsAsJson()
    {
        var (exit, output) = await Rcm("x12", "parse", SharedData.File("x12-samples", "835", "x221-multiple-claims-single-check.edi"), "--json");

        Assert.Equal(0, exit);
        var transaction = JsonDocument.Parse(output).RootElement.GetProperty("interchanges")[0].GetProperty("groups")[0].GetProperty("transactions")[0];
        Assert.Equal(("835", "005010X221A1"), (transaction.GetProperty("type").GetString(), transaction.GetProperty("guide").GetString()));
    }

    [RequiresSharedData]
    [Fact]
    public async Task Parse_InvalidFile_PrintsTheLocatedErrorsAndExits1()
    {
        var (exit, output) = await Rcm("x12", "parse", SharedData.File("x12-samples", "invalid", "837p-segment-errors.txt"), "--json");

        Assert.Equal(1, exit);
        var errors = JsonDocument.Parse(output).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("code").GetString() == "IK3 5" && e.GetProperty("segmentPosition").GetInt32() == 10 && e.GetProperty("loop").GetString() == "2010AA");
    }

    [RequiresSharedData]
    [Fact]
    public async Task Validate_SaysWhereEachErrorIs()
    {
        var (exit, output) = await Rcm("x12", "validate", SharedData.File("x12-samples", "invalid", "835-validation-issues.edi"));

        Assert.Equal(1, exit);
        Assert.Contains("ST 0002, segment 21 (text of 2 characters, not a known segment id, loop 2110): IK3 1", output); // XX: unknown, so never quoted
        Assert.EndsWith("error(s)", output.Trim());
    }

    [Fact]
    public async Task Build837_FromTheExampleClaims_WritesAFileThatValidates()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "claims.837");

        var (built, _) = await Rcm("x12", "build-837", Path.Combine(SharedData.Repository, "docs", "examples", "claims.json"), "--out", file, "--control", "42");
        var (valid, summary) = await Rcm("x12", "validate", file);

        Assert.Equal((0, 0), (built, valid));
        Assert.Contains("valid: 1 interchange(s), 1 transaction set(s) (837 005010X222A1), 0 error(s)", summary);
        Assert.Contains("*000000042*", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }
}
