using System.Text.Json;
using Microsoft.Playwright;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// The dashboard opened in headless Chromium (Debian's, through Playwright) after a demo batch (`rcm demo`: every sandbox
/// scenario, denials of every root cause worked). The tiles show what the KPI route returns, each with its trend, the
/// Pareto's bars add up to the denials, a worklist item opens the claim's timeline, no patient name or member id is on
/// the page, and a key that is not accepted sees nothing. Screenshots go to artifacts/dashboard/.
/// </summary>
[RequiresBrowser]
public sealed class DashboardInTheBrowserTests
{
    private const string Key = "dashboard-test-key";
    private const string PhiKey = "dashboard-registrar-key";

    /// <summary>Every tile but the claim count.</summary>
    private const int TilesWithTrends = 12;

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
        // A second key, a registrar's, with the "phi" scope: the page shows who a claim is for only to such a key.
        var registrar = new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:1:Name"] = "registrar", ["Gateway:ApiKeys:1:Sha256"] = Gateway.Security.ApiKeyAuthenticator.Hash(PhiKey),
            ["Gateway:ApiKeys:1:Scopes:0"] = "*", ["Gateway:ApiKeys:1:Scopes:1"] = "phi",
        };
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero },
            registrar, cancellationToken: ct);
        async Task<string> Rcm(params string[] args)
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error);
            Assert.True(exit == 0, $"rcm {string.Join(' ', args)}: {error}");
            return output.ToString();
        }

        // A demo batch: every sandbox scenario, denials of each root cause worked, statements and payments.
        var report = await Rcm("demo", "--encounters", "14", "--seed", "11");
        var batch = Demo.DemoBatch.Generate(14, 11, DateOnly.FromDateTime(DateTime.UtcNow));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // The batch's work is all done (its worklists are empty): one more claim whose coding denial nobody has worked yet.
        var open = Samples.Claim("DASH-X").ToProto();
        open.Subscriber.MemberId = "MEMBER00X";
        foreach (var line in open.Lines)
        {
            line.ServiceDateFrom = today.AddDays(-3).ToProto();
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "DASH-X.json");
        await File.WriteAllTextAsync(file, Google.Protobuf.JsonFormatter.Default.Format(open), ct);
        await Rcm("claims", "submit", file);
        await Rcm("claims", "transmit");
        await Rcm("claims", "receive");
        await Eventually.MatchAsync(async () => await Rcm("corrections", "list"), list => list.Contains("DASH-X", StringComparison.Ordinal));
        // An 835 of interest only (no claim payments), handed in as if from the payer's portal: set aside for billing.
        var interest = new X12.Remittances.Remittance835("PAYER1", "PAYER ONE", "CLINIC", "1234567893", "PLBONLY1", today, 1_250, "ACH", [],
            [new X12.Remittances.ProviderAdjustment835("1234567893", today, "L6", "INTEREST", -1_250)]);
        var now = DateTimeOffset.UtcNow;
        var interestFile = Path.Combine(Directory.CreateTempSubdirectory().FullName, "interest.835");
        await File.WriteAllTextAsync(interestFile, X12.Writing.X12Writer.Write(new X12.Writing.InterchangeBuilder(
                X12.Writing.X12Writer.Isa("ZZ", "PAYER1", "ZZ", "CLINIC", now, 7, false, X12.Syntax.Delimiters.Default), X12.Syntax.Delimiters.Default)
            .Group("HP", "PAYER1", "CLINIC", now, 7, X12.Remittances.Remittance835Writer.Version, "835", [("0001", X12.Remittances.Remittance835Writer.Body(interest))])
            .Build()), ct);
        var setAside = JsonDocument.Parse(await Rcm("transmissions", "receive", interestFile)).RootElement.GetProperty("file").Clone();
        string[] period = ["--from", $"{today.AddDays(-30):yyyy-MM-dd}", "--to", $"{today:yyyy-MM-dd}"];
        var kpis = JsonDocument.Parse(await Rcm(["kpis", .. period, "--json"])).RootElement.GetProperty("figures")[0].Clone();
        Assert.Contains("Denials by root cause", report, StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(platform.GatewayHttp, "/dashboard").ToString());

        // A wrong key sees the login again and no number.
        await page.FillAsync("#api-key", "not-a-key");
        await page.ClickAsync("#open");
        await page.WaitForSelectorAsync("#login:not([hidden])");
        Assert.Equal(0, await page.Locator(".tile").CountAsync());

        await page.FillAsync("#from", period[1]);
        await page.FillAsync("#to", period[3]);
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

        static string Pct(JsonElement rate)
        {
            var (n, d) = (double.Parse(rate.GetProperty("numerator").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(rate.GetProperty("denominator").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            return (d == 0 ? 0 : 100 * n / d).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
        }
        string[] dollars = ["initialDenialDollars", "arOver90Days", "netCollectionRate", "finalDenialWriteOffs"];
        foreach (var rate in new[] { "cleanClaimScrubber", "cleanClaimAcceptance", "cleanClaimFirstPassPaid", "initialDenialClaims", "initialDenialDollars", "initialDenialLines", "touchlessClaims",
            "arOver90Days", "netCollectionRate", "finalDenialWriteOffs" })
        {
            Assert.Equal(Pct(kpis.GetProperty(rate)), await page.Locator($"[data-kpi={rate}] .value").TextContentAsync());
            var numerator = long.Parse(kpis.GetProperty(rate).GetProperty("numerator").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(numerator > 0, $"{rate} is zero after a demo batch");
            Assert.StartsWith(dollars.Contains(rate) ? $"{BuildingBlocks.Claims.Money.Format(numerator)} of " : $"{numerator} of ",
                await page.Locator($"[data-kpi={rate}] .detail").TextContentAsync() ?? "", StringComparison.Ordinal);
        }

        Assert.Equal(kpis.GetProperty("netDaysInAr").GetProperty("value").GetDouble().ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
            await page.Locator("[data-kpi=netDaysInAr] .value").TextContentAsync());
        // Each tile carries its week-by-week trend (the KPI route sliced by week).
        Assert.Equal(TilesWithTrends, await page.Locator(".tile svg.trend").CountAsync());

        // The Pareto: one bar per root cause, adding up to the denials the KPI route counts; the CARC chart too.
        var denials = kpis.GetProperty("denialsByRootCause").EnumerateArray().Sum(d => d.GetProperty("denials").GetInt32());
        foreach (var chart in new[] { "#pareto-root-cause", "#pareto-carc" })
        {
            var bars = await page.Locator($"{chart} rect.bar").EvaluateAllAsync<int[]>("bars => bars.map(b => Number(b.dataset.denials))");
            Assert.Equal(denials, bars.Sum());
        }

        var causes = await page.Locator("#pareto-root-cause rect.bar").EvaluateAllAsync<string[]>("bars => bars.map(b => b.dataset.key)");
        Assert.Equal(new HashSet<string> { "coding", "billing", "front-end" }, causes.ToHashSet());
        Assert.Equal(denials, kpis.GetProperty("denialsByCarc").EnumerateArray().Sum(d => d.GetProperty("denials").GetInt32()));
        Assert.Equal("1", (await page.Locator("#error").IsHiddenAsync()) ? "1" : await page.Locator("#error").TextContentAsync());

        // The worklists: the batch's denials were worked and closed (the late claims' written off, the corrected ones paid);
        // the extra claim's coding denial waits for a coder; a click opens the claim's timeline.
        Assert.Equal("Billing denials (appeal by) (0)", await page.Locator("[data-worklist=billing-denials] h3").TextContentAsync());
        await page.WaitForSelectorAsync("[data-worklist=coding] button[data-claim='DASH-X']");
        await page.ClickAsync("[data-worklist=coding] button[data-claim='DASH-X']");
        await page.WaitForSelectorAsync("#timeline:not([hidden])");
        Assert.Equal("Claim DASH-X", (await page.Locator("#timeline-title").TextContentAsync())?.Split(" (")[0]);
        var statuses = await page.Locator("#timeline-rows tr td:nth-child(3)").AllTextContentsAsync();
        Assert.Contains("submitted", statuses);
        Assert.Contains("adjudicated", statuses);
        var text = await page.Locator("body").InnerTextAsync();
        foreach (var (member, last) in batch.Select(e => (e.MemberId, e.Patient.Last)).Append((open.Subscriber.MemberId, open.Patient.Name.Last)))
        {
            Assert.DoesNotContain(member, text, StringComparison.Ordinal); // no member id, no patient name on the page
            Assert.DoesNotContain(last, text, StringComparison.Ordinal);
        }

        Assert.True(await page.Locator("#timeline-patient").IsHiddenAsync());
        // The accounts whose patient balance the statements work: ids and amounts, not claims to open.
        Assert.StartsWith("Patient balances due (statements)", await page.Locator("[data-worklist=statements-due] h3").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-worklist=statements-due] button").CountAsync());
        // The 835 handed in that could not be posted: on billing's list by file, with what it paid.
        Assert.Equal("Answer files set aside (1)", await page.Locator("[data-worklist=set-aside] h3").TextContentAsync());
        var setAsideRow = await page.Locator("[data-worklist=set-aside] td").AllTextContentsAsync();
        Assert.Equal([setAside.GetProperty("fileId").GetString()![..12], setAside.GetProperty("receivedAt").GetString()![..10],
            "trace PLBONLY1, payer PAYER1, $12.50 in 0 claim(s)"], setAsideRow);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "dashboard-timeline.png"), FullPage = true });

        // The registrar's key has the "phi" scope: the same timeline names the patient and the member id.
        await page.EvaluateAsync("() => sessionStorage.clear()");
        await page.ReloadAsync();
        await page.FillAsync("#api-key", PhiKey);
        await page.ClickAsync("#open");
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        await page.WaitForSelectorAsync("[data-worklist=coding] button[data-claim='DASH-X']");
        await page.ClickAsync("[data-worklist=coding] button[data-claim='DASH-X']");
        await page.WaitForSelectorAsync("#timeline-patient:not([hidden])");
        Assert.Equal($"Patient {open.Patient.Name.First} {open.Patient.Name.Last}, member id MEMBER00X", await page.Locator("#timeline-patient").TextContentAsync());
    }
}
