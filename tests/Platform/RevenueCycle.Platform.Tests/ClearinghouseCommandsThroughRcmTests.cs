using System.Text.Json;
using Google.Protobuf;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// <c>rcm claims transmit</c> / <c>receive</c> when the clearinghouse loop already did the work: they say so, not <c>{}</c>;
/// <c>rcm claims inquire</c> sends a 276 about a claim the payer is sitting on and the 277 answer lands on the claim.
/// </summary>
public sealed class ClearinghouseCommandsThroughRcmTests
{
    private const string Key = "clearinghouse-commands-key";

    [Fact]
    public async Task TransmitAndReceive_WithNothingToDo_PrintZeros_AndSayWhy()
    {
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero },
            cancellationToken: TestContext.Current.CancellationToken, clock: ShiftedClock.AfterTheSampleVisit());
        async Task<(JsonElement Json, string Note)> Rcm(params string[] args)
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            Assert.Equal(0, await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error));
            return (JsonDocument.Parse(output.ToString()).RootElement.Clone(), error.ToString());
        }

        var (transmitted, transmitNote) = await Rcm("claims", "transmit");
        var (received, receiveNote) = await Rcm("claims", "receive");

        Assert.Equal((0, 0), (transmitted.GetProperty("built").GetArrayLength(), transmitted.GetProperty("sent").GetInt32()));
        Assert.Contains("nothing to send", transmitNote);
        Assert.Equal(0, received.GetProperty("files").GetInt32());
        Assert.Contains("nothing to read", receiveNote);
    }

    [Fact]
    public async Task Inquire_AsksAboutThePendedClaim_AndThe277AnswerIsNotedOnIt()
    {
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero },
            cancellationToken: TestContext.Current.CancellationToken, clock: ShiftedClock.AfterTheSampleVisit());
        async Task<(JsonElement Json, string Note)> Rcm(params string[] args)
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            Assert.True(await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error) == 0, error.ToString());
            return (JsonDocument.Parse(output.ToString()).RootElement.Clone(), error.ToString());
        }

        var claim = Samples.Claim("SILENT-1").ToProto();
        claim.Subscriber.MemberId = "MEMBER00N"; // the sandbox pends it: a 277 P1, no 835
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "silent.json");
        await File.WriteAllTextAsync(file, JsonFormatter.Default.Format(claim), TestContext.Current.CancellationToken);
        await Rcm("claims", "submit", file);
        await Rcm("claims", "transmit");
        await Rcm("claims", "receive");

        var (nothing, note) = await Rcm("claims", "inquire"); // the default: 30 days of silence
        var (inquiry, _) = await Rcm("claims", "inquire", "--days", "0");
        var (received, _) = await Rcm("claims", "receive");
        var (status, _) = await Rcm("claims", "status", "SILENT-1");

        Assert.Equal(0, nothing.GetProperty("claimIds").GetArrayLength());
        Assert.Contains("no 276 sent", note);
        Assert.Equal(["SILENT-1"], inquiry.GetProperty("claimIds").EnumerateArray().Select(c => c.GetString()));
        Assert.StartsWith("276-", inquiry.GetProperty("fileName").GetString());
        Assert.Equal(1, received.GetProperty("files").GetInt32());
        var history = status.GetProperty("versions")[0].GetProperty("history").EnumerateArray()
            .Select(h => (h.GetProperty("source").GetString(), h.TryGetProperty("detail", out var d) ? d.GetString() : "")).ToList();
        Assert.Equal(("276", "P1:20"), (history[^2].Item1, history[^1].Item2));
    }
}
