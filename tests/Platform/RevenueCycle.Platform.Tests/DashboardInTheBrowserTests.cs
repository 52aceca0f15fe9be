using System.Text.Json;
using Google.Protobuf;
using Microsoft.Playwright;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// The dashboard opened in headless Chromium (Debian's, through Playwright) after a batch of claims through the
/// sandbox's scenarios: clean pay, deductible, a coding denial, two front-end denials and a 277CA rejection. The tiles
/// show what the KPI route returns, the Pareto's bars add up to the denials, and a key that is not accepted sees
/// nothing. Screenshots go to artifacts/dashboard/.
/// </summary>
[RequiresBrowser]
public sealed class DashboardInTheBrowserTests
{
    private const string Key = "dashboard-test-key";

    /// <summary>The Chromium binary (not Debian's /usr/bin wrapper script, which Playwright cannot drive).</summary>
    private static string Chromium => Environment.GetEnvironmentVariable("RCM_CHROMIUM") is { Length: > 0 } path ? path : "/usr/lib/chromium/chromium";

    private static string Artifacts
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "RevenueCycle.sln")))
            {
                root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("RevenueCycle.sln not found above the test binaries.");
            }

            return Directory.CreateDirectory(Path.Combine(root, "artifacts", "dashboard")).FullName;
        }
    }

    [Fact]
    public async Task TheTiles_ShowTheKpiRoutesNumbers_AndTheParetoAddsUpToTheDenials()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero },
            cancellationToken: ct, clock: ShiftedClock.AfterTheSampleVisit());
        async Task<string> Rcm(params string[] args)
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error);
            Assert.True(exit == 0, $"rcm {string.Join(' ', args)}: {error}");
            return output.ToString();
        }

        // One claim per scenario letter (docs/SANDBOX.md): 1 clean, D deductible, X coding denial, I and A front-end denials, R rejected.
        foreach (var (id, member) in new[] { ("DASH-1", "MEMBER001"), ("DASH-D", "MEMBER00D"), ("DASH-X", "MEMBER00X"), ("DASH-I", "MEMBER00I"), ("DASH-A", "MEMBER00A"), ("DASH-R", "MEMBER00R") })
        {
            var claim = Samples.Claim(id).ToProto();
            claim.Subscriber.MemberId = member;
            var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, $"{id}.json");
            await File.WriteAllTextAsync(file, JsonFormatter.Default.Format(claim), ct);
            await Rcm("claims", "submit", file);
        }

        await Rcm("claims", "transmit");
        await Rcm("claims", "receive");
        string[] period = ["--from", "2025-01-01", "--to", "2030-12-31"]; // events carry the machine's time, the platform a shifted clock
        var kpis = await Eventually.MatchAsync(async () => JsonDocument.Parse(await Rcm(["kpis", .. period, "--json"])).RootElement.GetProperty("figures")[0].Clone(),
            k => k.GetProperty("denialsByRootCause").EnumerateArray().Sum(d => d.GetProperty("denials").GetInt32()) >= 4);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(platform.GatewayHttp, "/dashboard").ToString());

        // A wrong key sees the login again and no number.
        await page.FillAsync("#api-key", "not-a-key");
        await page.ClickAsync("#open");
        await page.WaitForSelectorAsync("#login:not([hidden])");
        Assert.Equal(0, await page.Locator(".tile").CountAsync());

        await page.FillAsync("#from", "2025-01-01");
        await page.FillAsync("#to", "2030-12-31");
        await page.FillAsync("#api-key", Key);
        await page.ClickAsync("#open");
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        try
        {
            await page.WaitForFunctionAsync("() => document.querySelector('[data-kpi=claims] .value')?.textContent === '" + kpis.GetProperty("claims").GetInt32() + "'",
                null, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "dashboard-timeout.png"), FullPage = true });
            Assert.Fail($"The tiles never showed {kpis.GetProperty("claims")} claims: {await page.Locator("main").InnerTextAsync()}");
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "dashboard.png"), FullPage = true });

        static string Pct(JsonElement rate) => rate.GetProperty("percent").GetDouble().ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
        foreach (var rate in new[] { "cleanClaimScrubber", "cleanClaimAcceptance", "cleanClaimFirstPassPaid", "initialDenialClaims", "initialDenialDollars", "initialDenialLines", "touchlessClaims" })
        {
            Assert.Equal(Pct(kpis.GetProperty(rate)), await page.Locator($"[data-kpi={rate}] .value").TextContentAsync());
            var numerator = long.Parse(kpis.GetProperty(rate).GetProperty("numerator").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith(rate == "initialDenialDollars" ? $"{BuildingBlocks.Claims.Money.Format(numerator)} of " : $"{numerator} of ",
                await page.Locator($"[data-kpi={rate}] .detail").TextContentAsync() ?? "", StringComparison.Ordinal);
        }

        // The Pareto: one bar per root cause, adding up to the denials the KPI route counts; the CARC chart too.
        var denials = kpis.GetProperty("denialsByRootCause").EnumerateArray().Sum(d => d.GetProperty("denials").GetInt32());
        foreach (var chart in new[] { "#pareto-root-cause", "#pareto-carc" })
        {
            var bars = await page.Locator($"{chart} rect.bar").EvaluateAllAsync<int[]>("bars => bars.map(b => Number(b.dataset.denials))");
            Assert.Equal(denials, bars.Sum());
        }

        var causes = await page.Locator("#pareto-root-cause rect.bar").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.key)");
        Assert.Superset(new HashSet<string> { "coding", "front-end" }, causes.ToHashSet());
        Assert.Equal(denials, kpis.GetProperty("denialsByCarc").EnumerateArray().Sum(d => d.GetProperty("denials").GetInt32()));
        Assert.Equal("1", (await page.Locator("#error").IsHiddenAsync()) ? "1" : await page.Locator("#error").TextContentAsync());

        // The worklists: the coding denial waits for a coder, the 277CA rejection for billing; a click opens the claim's timeline.
        await page.WaitForSelectorAsync("[data-worklist=coding] button[data-claim='DASH-X']");
        await page.WaitForSelectorAsync("[data-worklist=rejections] button[data-claim='DASH-R']");
        await page.ClickAsync("[data-worklist=coding] button[data-claim='DASH-X']");
        await page.WaitForSelectorAsync("#timeline:not([hidden])");
        Assert.Equal("Claim DASH-X", (await page.Locator("#timeline-title").TextContentAsync())?.Split(" (")[0]);
        var statuses = await page.Locator("#timeline-rows tr td:nth-child(3)").AllTextContentsAsync();
        Assert.Contains("submitted", statuses);
        Assert.Contains("adjudicated", statuses);
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("MEMBER00X", text); // no member id on the page
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "dashboard-timeline.png"), FullPage = true });
    }
}
