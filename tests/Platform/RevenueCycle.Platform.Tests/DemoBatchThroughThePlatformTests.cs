using System.Text.Json;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// `rcm demo` against the single-process platform: every sandbox scenario and every denial root cause occurs, the denials
/// are worked (coding correction, front-end fixes, final-denial write-off), and the KPI route gives non-trivial figures
/// that the report prints. The same seed again changes nothing; an unreachable platform is a non-zero exit.
/// </summary>
public sealed class DemoBatchThroughThePlatformTests
{
    private const string Key = "demo-test-key";

    [Fact]
    public async Task ADemoBatch_GoesThroughTheWholeCycle_AndEveryKpiHasSomethingToShow()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero },
            cancellationToken: ct);
        async Task<(int Exit, string Output, string Error)> Rcm(params string[] args)
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error);
            return (exit, output.ToString(), error.ToString());
        }

        var demo = await Rcm("demo", "--encounters", "14", "--seed", "5");
        Assert.True(demo.Exit == 0, demo.Error);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var kpisJson = (await Rcm("kpis", "--from", $"{today.AddDays(-30):yyyy-MM-dd}", "--to", $"{today:yyyy-MM-dd}", "--json")).Output;
        var all = JsonDocument.Parse(kpisJson).RootElement.GetProperty("figures")[0];

        Assert.Equal(14, all.GetProperty("claims").GetInt32());
        Assert.Equal(["billing", "coding", "front-end"], all.GetProperty("denialsByRootCause").EnumerateArray().Select(d => d.GetProperty("key").GetString()).Order());
        foreach (var rate in new[] { "cleanClaimScrubber", "cleanClaimAcceptance", "cleanClaimFirstPassPaid", "initialDenialClaims", "initialDenialDollars", "initialDenialLines",
            "touchlessClaims", "arOver90Days", "netCollectionRate", "finalDenialWriteOffs" })
        {
            var r = all.GetProperty(rate);
            Assert.True(Long(r, "numerator") > 0 && Long(r, "denominator") >= Long(r, "numerator"), $"{rate}: {r}");
        }

        Assert.True(all.GetProperty("netDaysInAr").GetProperty("value").GetDouble() > 0);
        Assert.True(all.GetProperty("daysEncounterToClaim").GetProperty("value").GetDouble() > 0);
        // The report prints what the KPI route returns.
        var written = all.GetProperty("finalDenialWriteOffs");
        var percent = (100.0 * Long(written, "numerator") / Long(written, "denominator")).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($@"Final denial write-offs\s+│\s+{percent}%", demo.Output);
        Assert.Contains("coding correction (modifier XU)", demo.Output, StringComparison.Ordinal);

        // The registrars' and coders' fixes went out and were paid: nothing is left on their worklists for the batch.
        Assert.DoesNotContain("-S5-", (await Rcm("corrections", "list")).Output, StringComparison.Ordinal);
        Assert.DoesNotContain("-S5-", (await Rcm("front-end", "list")).Output, StringComparison.Ordinal);
        // Posting's denial worklists too: the corrected claims' denials closed when the payer paid, the late ones written off.
        foreach (var owner in new[] { "coding", "front-end", "billing" })
        {
            Assert.DoesNotContain("-S5-", (await Rcm("denials", "worklist", "--owner", owner)).Output, StringComparison.Ordinal);
        }

        Assert.Contains("WRITTEN_OFF: past the payer's filing limit", (await Rcm("denials", "list", "--category", "timely-filing")).Output, StringComparison.Ordinal);

        // The same seed again: every call is idempotent, the figures do not move.
        var again = await Rcm("demo", "--encounters", "14", "--seed", "5");
        Assert.True(again.Exit == 0, again.Error);
        Assert.Equal(kpisJson, (await Rcm("kpis", "--from", $"{today.AddDays(-30):yyyy-MM-dd}", "--to", $"{today:yyyy-MM-dd}", "--json")).Output);
    }

    [Fact]
    public async Task APlatformNotReachable_SaysSo_AndExitsNonZero()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await Cli.Cli.RunAsync(["--gateway", "http://127.0.0.1:9", "--api-key", Key, "demo"], output, error);

        Assert.Equal(2, exit);
        Assert.Contains("cannot reach the platform at http://127.0.0.1:9/", error.ToString(), StringComparison.Ordinal);
    }

    private static long Long(JsonElement rate, string name) =>
        rate.GetProperty(name) is { ValueKind: JsonValueKind.String } s ? long.Parse(s.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : rate.GetProperty(name).GetInt64();
}
