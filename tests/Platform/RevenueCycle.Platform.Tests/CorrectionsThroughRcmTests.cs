using System.Text.Json;
using Google.Protobuf;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// The two ways a coding denial gets fixed from the command line, on the single-process platform: a coder completes
/// the task (<c>rcm corrections complete</c>), or billing corrects the claim itself (<c>rcm claims correct</c>), which
/// closes the coders' task so nobody fixes the claim twice. And a claim the scrubber refused is fixed under its id.
/// </summary>
public sealed class CorrectionsThroughRcmTests
{
    private const string Key = "corrections-test-key";

    private static async Task<(int Exit, JsonElement Json, string Error)> Rcm(PlatformHost platform, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error);
        return (exit, output.ToString().Trim().Length == 0 ? default : JsonDocument.Parse(output.ToString()).RootElement.Clone(), error.ToString());
    }

    private static async Task<string> ClaimFile(string claimId, string memberId, Action<Contracts.Common.V1.Claim>? change = null)
    {
        var claim = Samples.Claim(claimId).ToProto();
        claim.Subscriber.MemberId = memberId; // ends in X: the sandbox denies the last line CO-97
        change?.Invoke(claim);
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, $"{claimId}.json");
        await File.WriteAllTextAsync(file, JsonFormatter.Default.Format(claim));
        return file;
    }

    private static async Task<JsonElement> OpenTaskAsync(PlatformHost platform, string claimId) =>
        await Eventually.MatchAsync(
            async () => (await Rcm(platform, "corrections", "list")).Json.TryGetProperty("tasks", out var tasks) ? tasks.EnumerateArray().FirstOrDefault(t => t.GetProperty("claimId").GetString() == claimId) : default,
            t => t.ValueKind == JsonValueKind.Object);

    [Fact]
    public async Task CodingDenial_FixedByTheCoder_OrByBilling_GoesOutOnce_AndLeavesNoTaskOpen()
    {
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero },
            cancellationToken: TestContext.Current.CancellationToken, clock: ShiftedClock.AfterTheSampleVisit());
        await Rcm(platform, "claims", "submit", await ClaimFile("FIX-BY-CODER", "MEMBER01X"));
        await Rcm(platform, "claims", "submit", await ClaimFile("FIX-BY-BILLING", "MEMBER02X"));
        await Rcm(platform, "claims", "transmit");
        await Rcm(platform, "claims", "receive");

        var coderTask = await OpenTaskAsync(platform, "FIX-BY-CODER");
        var (completed, task, error) = await Rcm(platform, "corrections", "complete", coderTask.GetProperty("taskId").GetString()!,
            "--line", $"{coderTask.GetProperty("lineItemControlNumber").GetString()}=82947:QW");
        Assert.True(completed == 0, error);
        Assert.Equal("CORRECTION_STATUS_COMPLETED", task.GetProperty("status").GetString());

        await OpenTaskAsync(platform, "FIX-BY-BILLING");
        var (corrected, _, correctError) = await Rcm(platform, "claims", "correct", "FIX-BY-BILLING", await ClaimFile("FIX-BY-BILLING", "MEMBER02X", c => c.Lines[1].Modifiers.Add("QW")));
        Assert.True(corrected == 0, correctError);

        // Both replacements (frequency 7) are recorded; no coding task is left open for either claim.
        foreach (var claimId in new[] { "FIX-BY-CODER", "FIX-BY-BILLING" })
        {
            var status = await Eventually.MatchAsync(async () => (await Rcm(platform, "claims", "status", claimId)).Json, s => s.GetProperty("versions").GetArrayLength() == 2);
            Assert.Equal("CLAIM_FREQUENCY_REPLACEMENT", status.GetProperty("versions")[0].GetProperty("claim").GetProperty("frequency").GetString());
        }

        await Eventually.MatchAsync(async () => (await Rcm(platform, "corrections", "list")).Json, list => !list.TryGetProperty("tasks", out var tasks) || tasks.GetArrayLength() == 0);
    }

    [Fact]
    public async Task ScrubRejectedClaim_IsFixedUnderItsId_BySubmittingAgainOrCorrecting()
    {
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero },
            cancellationToken: TestContext.Current.CancellationToken, clock: ShiftedClock.AfterTheSampleVisit());
        var broken = await ClaimFile("SCRUB-REJECTED", "MEMBER001", c => c.BillingProvider.Npi = "1234567890"); // a bad check digit
        var (_, first, _) = await Rcm(platform, "claims", "submit", broken);
        Assert.Equal("CLAIM_STATUS_SCRUB_REJECTED", first.GetProperty("versions")[0].GetProperty("status").GetString());

        var (exit, fixedClaim, error) = await Rcm(platform, "claims", "submit", await ClaimFile("SCRUB-REJECTED", "MEMBER001"), "--key", "resubmit-1");

        Assert.True(exit == 0, error);
        Assert.Equal(["CLAIM_STATUS_SCRUBBED", "CLAIM_STATUS_CORRECTED"], fixedClaim.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("status").GetString()));
        Assert.Equal("CLAIM_FREQUENCY_ORIGINAL", fixedClaim.GetProperty("versions")[0].GetProperty("claim").GetProperty("frequency").GetString());
    }
}
