using System.Text.Json;
using Google.Protobuf;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Testing;
using StackExchange.Redis;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// `rcm audit verify` and `rcm audit records` against the whole platform over real Redis: the trails a claim's path
/// leaves are intact, and a record deleted or rewritten in Redis is named.
/// </summary>
[RequiresRedis]
public sealed class AuditTrailThroughRcmTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Key = "rcm-audit-test-key";

    [Fact]
    public async Task Verify_FindsTheTrailsIntact_ThenNamesTheRecordSomeoneRewroteInRedis()
    {
        var ct = TestContext.Current.CancellationToken;
        var connection = redis.NewConnectionString();
        var options = new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, Storage = "Redis", Redis = connection, ClearinghouseInterval = TimeSpan.Zero };
        await using var platform = await PlatformHost.StartAsync(options, cancellationToken: ct, clock: ShiftedClock.AfterTheSampleVisit());
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "claim.json");
        await File.WriteAllTextAsync(file, JsonFormatter.Default.Format(Samples.Claim().ToProto()), ct);

        async Task<(int Exit, string Output)> Rcm(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error);
            return (exit, output + error.ToString());
        }

        var (submitted, claim) = await Rcm("claims", "submit", file);
        Assert.True(submitted == 0, claim);
        await Rcm("claims", "transmit");

        var (intact, report) = await Rcm("audit", "verify");
        var (_, records) = await Rcm("audit", "records", "--service", "submission", "--json");

        Assert.True(intact == 0, report);
        Assert.Equal(BuildingBlocks.ServiceCatalog.All.Count, report.Split('\n').Count(l => l.Contains("intact", StringComparison.Ordinal)));
        var submission = JsonDocument.Parse(records).RootElement.GetProperty("records").EnumerateArray().ToArray();
        Assert.Contains(submission, r => r.GetProperty("operation").GetString() == "/revenuecycle.submission.v1.SubmissionService/SubmitClaim"
            && r.GetProperty("actor").GetString() == "local-demo" && r.GetProperty("scope").GetString() == "*");

        // Someone with Redis access rewrites who submitted the claim, keeping the record's hashes.
        using var db = await ConnectionMultiplexer.ConnectAsync(connection);
        var stream = (RedisKey)"{submission}:audit:chain";
        var first = (await db.GetDatabase().StreamRangeAsync(stream, "-", "+", 1))[0];
        await db.GetDatabase().StreamDeleteAsync(stream, [first.Id]);
        await db.GetDatabase().StreamAddAsync(stream, [new("prev", first["prev"]), new("r", first["r"].ToString().Replace("local-demo", "someone-else", StringComparison.Ordinal)), new("h", first["h"])]);

        var (broken, tampered) = await Rcm("audit", "verify", "--service", "submission", "--json");

        Assert.True(broken == 1, tampered);
        var verification = JsonDocument.Parse(tampered).RootElement;
        Assert.False(verification.GetProperty("intact").GetBoolean());
        Assert.Equal("1", verification.GetProperty("firstBadSequence").GetString());
        Assert.Equal("record 1 is missing: the trail starts at record 2", verification.GetProperty("problem").GetString());
    }
}
