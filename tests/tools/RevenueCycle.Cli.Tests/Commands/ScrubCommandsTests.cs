using System.Text.Json;
using RevenueCycle.Testing;

namespace RevenueCycle.Cli.Tests.Commands;

/// <summary><c>rcm scrub</c> offline on the example claims, against the full CMS tables and the demo pack.</summary>
public sealed class ScrubCommandsTests
{
    private static readonly string Examples = Path.Combine(SharedData.Repository, "docs", "examples", "claims.json");

    private static async Task<(int Exit, JsonElement Output, string Error)> Rcm(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Cli.RunAsync(args, output, error);
        return (exit, output.ToString().Length > 0 ? JsonDocument.Parse(output.ToString()).RootElement : default, error.ToString());
    }

    private static string[] Rejects(JsonElement result) =>
        result.TryGetProperty("findings", out var findings)
            ? findings.EnumerateArray().Where(f => f.GetProperty("severity").GetString() == "SEVERITY_REJECT").Select(f => f.GetProperty("ruleId").GetString()!).ToArray()
            : [];

    [RequiresSharedData]
    [Fact]
    public async Task Scrub_ExampleClaimsOnTheCmsTables_FindsEachDefect()
    {
        var (exit, output, _) = await Rcm("scrub", Examples, "--refdata", SharedData.Data, "--today", "2024-09-01");

        var results = output.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("claimId").GetString()!);
        Assert.Equal(1, exit); // not every claim is clean
        Assert.Equal((7, 2), (output.GetProperty("claims").GetInt32(), output.GetProperty("clean").GetInt32()));
        Assert.Empty(Rejects(results["EX-CLEAN"]));
        Assert.Equal(["NCCI-PTP"], Rejects(results["EX-EM-INJECTION"]));
        Assert.Empty(Rejects(results["EX-EM-INJECTION-25"]));
        Assert.Equal(["NCCI-PTP"], Rejects(results["EX-BUNDLED-KNEE"]));
        Assert.Equal(["NCCI-AOC"], Rejects(results["EX-ADD-ON-ALONE"]));
        Assert.Equal(["NCCI-MUE"], Rejects(results["EX-UNITS"]));
        Assert.Equal(["DX-NOT-BILLABLE"], Rejects(results["EX-HEADER-DX"]));
        Assert.Contains("NCCI PTP practitioner 2024Q3", results["EX-CLEAN"].GetProperty("rulesVersion").GetString());
    }

    [RequiresSharedData]
    [Fact]
    public async Task Scrub_TodayPastTheFilingLimit_RejectsForTimelyFiling()
    {
        var (exit, output, _) = await Rcm("scrub", Examples, "--refdata", SharedData.Data, "--today", "2025-09-01");

        var results = output.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(1, exit);
        Assert.Equal(7, results.Count);
        Assert.All(results, r => Assert.Contains("TIMELY-FILING", Rejects(r)));
    }

    [Fact]
    public async Task Scrub_WithoutRefdata_UsesTheDemoPackAndRules()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "one.json");
        var claim = JsonDocument.Parse(await File.ReadAllTextAsync(Examples, TestContext.Current.CancellationToken)).RootElement.GetProperty("claims")[1].GetRawText();
        await File.WriteAllTextAsync(file, claim, TestContext.Current.CancellationToken);

        var (exit, output, _) = await Rcm("scrub", file, "--today", "2024-09-01");

        var result = output.GetProperty("results")[0];
        Assert.Equal(1, exit);
        Assert.Contains("NCCI-PTP", Rejects(result));
        Assert.Contains("demo 2026.1", result.GetProperty("rulesVersion").GetString());
    }

    [Fact]
    public async Task Scrub_BrokenFile_SaysWhereAndExits2()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "broken.json");
        await File.WriteAllTextAsync(file, "{\n  \"claims\": [\n    { \"claimId\": \"X\", }\n", TestContext.Current.CancellationToken);

        var (exit, _, error) = await Rcm("scrub", file);

        Assert.Equal(2, exit);
        Assert.Contains("broken.json:", error);
    }
}
