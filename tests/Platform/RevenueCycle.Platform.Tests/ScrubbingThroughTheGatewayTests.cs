using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// The scrubber as an internal app reaches it: through the gateway, a client-and-server stream and a batch over gRPC,
/// a validation over JSON, and the duplicate edit across claims in Redis.
/// </summary>
[RequiresRedis]
public sealed class ScrubbingThroughTheGatewayTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Key = "scrub-test-key";
    private static readonly Metadata Headers = new() { { "x-api-key", Key } };

    private static Claim Claim(string id, Action<Claim>? change = null)
    {
        var claim = (Samples.Claim(id) with { PatientControlNumber = id }).ToProto();
        change?.Invoke(claim);
        return claim;
    }

    [Fact]
    public async Task StreamBatchAndJson_ThroughTheGateway()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, Storage = "Redis", Redis = redis.NewConnectionString() };
        await using var platform = await PlatformHost.StartAsync(options, cancellationToken: ct, clock: ShiftedClock.AfterTheSampleVisit());
        var client = new ScrubbingService.ScrubbingServiceClient(GrpcChannel.ForAddress(platform.GatewayGrpc));

        // A client-and-server stream: each claim answered in order. The second repeats the first's services.
        using var stream = client.ScrubStream(Headers, cancellationToken: ct);
        await stream.RequestStream.WriteAsync(new ScrubClaimRequest { Claim = Claim("GW-1") }, ct);
        await stream.RequestStream.WriteAsync(new ScrubClaimRequest { Claim = Claim("GW-2") }, ct);
        await stream.RequestStream.WriteAsync(new ScrubClaimRequest { Claim = Claim("GW-3", c => c.Lines[0].PlaceOfService = "10") }, ct);
        await stream.RequestStream.CompleteAsync();
        var streamed = new List<ScrubResult>();
        await foreach (var result in stream.ResponseStream.ReadAllAsync(ct))
        {
            streamed.Add(result);
        }

        Assert.Equal(["GW-1", "GW-2", "GW-3"], streamed.Select(r => r.ClaimId));
        Assert.True(streamed[0].Clean);
        Assert.Contains(streamed[1].Findings, f => f.RuleId == "DUP-CLAIM" && f.Message.Contains("GW-1", StringComparison.Ordinal));
        Assert.Contains(streamed[2].Findings, f => f.RuleId == "SHP-TELEHEALTH-95" && f.Owner == Owner.Coding);

        // A batch: the bundled knee arthroscopy pair of the demo pack.
        var batch = new ScrubBatchRequest { Claims = { Claim("GW-4", c => { c.Lines[0].ProcedureCode = "29881"; c.Lines[1].ProcedureCode = "29877"; }) } };
        using var call = client.ScrubBatch(batch, Headers, cancellationToken: ct);
        var batched = await call.ResponseStream.ReadAllAsync(ct).ToListAsync(ct);
        var ptp = Assert.Single(batched.Single().Findings, f => f.RuleId == "NCCI-PTP");
        Assert.Equal("NCCI PTP practitioner demo 2026.1: 29881 / 29877, modifier indicator 0", ptp.Source);

        // JSON through the gateway: validation records nothing, so the rate counts the four scrubbed claims only.
        using var http = new HttpClient { BaseAddress = platform.GatewayHttp };
        http.DefaultRequestHeaders.Add("x-api-key", Key);
        var json = Google.Protobuf.JsonFormatter.Default.Format(Claim("GW-5"));
        using var validate = await http.PostAsync("/v1/scrubbing/validate", new StringContent($"{{\"claim\":{json}}}", System.Text.Encoding.UTF8, "application/json"), ct);
        var rate = await http.GetFromJsonAsync<JsonElement>("/v1/scrubbing/clean-claim-rate", ct);

        Assert.True(validate.IsSuccessStatusCode);
        Assert.Equal("4", rate.GetProperty("claimsScrubbed").ToString());
        Assert.Equal(2500, rate.GetProperty("rateBasisPoints").GetInt32());
    }
}
