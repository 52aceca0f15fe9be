using System.Text.Json;

namespace RevenueCycle.Platform.Tests;

/// <summary><c>rcm claims transmit</c> / <c>receive</c> when the clearinghouse loop already did the work: they say so, not <c>{}</c>.</summary>
public sealed class ClearinghouseCommandsThroughRcmTests
{
    private const string Key = "clearinghouse-commands-key";

    [Fact]
    public async Task TransmitAndReceive_WithNothingToDo_PrintZeros_AndSayWhy()
    {
        await using var platform = await PlatformHost.StartAsync(new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero },
            cancellationToken: TestContext.Current.CancellationToken);
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
}
