using System.Text.Json;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// <c>rcm scrub --online</c> is a check (nothing recorded, the clean-claim rate untouched, judged as of <c>--today</c>),
/// <c>--online --record</c> the real thing, on the single-process platform.
/// </summary>
public sealed class ScrubOnlineThroughRcmTests
{
    private const string Key = "scrub-online-test-key";

    private static async Task<(int Exit, JsonElement Json)> Rcm(PlatformHost platform, params string[] args)
    {
        var output = new StringWriter();
        var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, new StringWriter());
        return (exit, output.ToString().Trim().Length == 0 ? default : JsonDocument.Parse(output.ToString()).RootElement.Clone());
    }

    [Fact]
    public async Task Online_ChecksAsOfTheDayGiven_AndRecordsNothing_Record_CountsInTheRate()
    {
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0 }, cancellationToken: TestContext.Current.CancellationToken, clock: ShiftedClock.AfterTheSampleVisit());
        var examples = Path.Combine(SharedData.Repository, "docs", "examples", "claims.json");

        var (_, checkedThen) = await Rcm(platform, "scrub", examples, "--today", "2024-09-01", "--online");
        var (_, rateAfterChecks) = await Rcm(platform, "scrub", "rate");

        var results = checkedThen.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(7, results.Count);
        Assert.Contains(results, r => r.TryGetProperty("clean", out var clean) && clean.GetBoolean()); // not all rejected for timely filing
        Assert.False(rateAfterChecks.TryGetProperty("claimsScrubbed", out var none) && none.GetInt64() > 0);

        var (refused, _) = await Rcm(platform, "scrub", examples, "--today", "2024-09-01", "--online", "--record");
        var (_, recorded) = await Rcm(platform, "scrub", examples, "--online", "--record");
        var (_, rate) = await Rcm(platform, "scrub", "rate");

        Assert.Equal(2, refused); // a recorded scrub is judged today
        Assert.Equal(7, recorded.GetProperty("results").GetArrayLength());
        Assert.Equal("7", rate.GetProperty("claimsScrubbed").ToString());
    }
}
