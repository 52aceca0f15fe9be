using Grpc.Core;
using Grpc.Net.Client;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// Submit -> 837 -> 999 -> 277CA -> 835 with the payer sandbox behind the clearinghouse port, through the gateway,
/// every service's state in one real Redis: a clean claim ends adjudicated and posted, a claim the sandbox denies as
/// bundled reaches the coders, one it rejects at the front end comes back rejected.
/// </summary>
[RequiresRedis]
public sealed class SandboxPathTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Key = "sandbox-test-key";
    private static readonly Metadata Headers = new() { { "x-api-key", Key } };

    [Fact]
    public async Task SubmitTransmitReceive_EndsAdjudicatedPostedOrRejected()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, Storage = "Redis", Redis = redis.NewConnectionString(), ClearinghouseInterval = TimeSpan.Zero };
        await using var platform = await PlatformHost.StartAsync(options, cancellationToken: ct, clock: ShiftedClock.AfterTheSampleVisit());
        var channel = GrpcChannel.ForAddress(platform.GatewayGrpc);
        var submission = new SubmissionService.SubmissionServiceClient(channel);
        var posting = new PostingService.PostingServiceClient(channel);
        var coding = new CodingService.CodingServiceClient(channel);

        async Task<string> Submit(string key, string memberId)
        {
            var claim = Samples.Claim().ToProto();
            claim.Subscriber.MemberId = memberId;
            claim.Lines[0].ChargeCents += memberId.GetHashCode(StringComparison.Ordinal) % 2 == 0 ? 0 : 1; // no exact duplicates between the claims
            return (await submission.SubmitClaimAsync(new SubmitClaimRequest { IdempotencyKey = key, Claim = claim }, Headers, cancellationToken: ct)).ClaimId;
        }

        var clean = await Submit("s-clean", "MEMBER001");
        var denied = await Submit("s-denied", "MEMBER00X");
        var rejected = await Submit("s-rejected", "MEMBER00R");

        var transmitted = await submission.TransmitClaimsAsync(new TransmitClaimsRequest(), Headers, cancellationToken: ct);
        var received = await submission.ReceiveResponsesAsync(new ReceiveResponsesRequest(), Headers, cancellationToken: ct);
        var again = await submission.TransmitClaimsAsync(new TransmitClaimsRequest(), Headers, cancellationToken: ct);

        Assert.Equal(3, Assert.Single(transmitted.Built).Claims.Count);
        Assert.Empty(again.Built); // nothing sent twice
        Assert.Equal((1, 1, 1, 1), (received.Acknowledgments999, received.ClaimAcknowledgments277Ca, received.Remittances835, received.Rejections));

        async Task<ClaimRecord> Claim(string id) => await submission.GetClaimAsync(new GetClaimRequest { ClaimId = id }, Headers, cancellationToken: ct);
        Assert.Equal(ClaimStatus.Adjudicated, (await Claim(clean)).Versions[0].Status);
        Assert.Equal(ClaimStatus.Adjudicated, (await Claim(denied)).Versions[0].Status);
        var rejection = (await Claim(rejected)).Versions[0];
        Assert.Equal((ClaimStatus.Rejected, "A7:164:IL"), (rejection.Status, rejection.History[^1].Detail));

        // Posting has the 835; the bundling denial was detected and travelled to the coders.
        var denials = await posting.ListDenialsAsync(new ListDenialsRequest(), Headers, cancellationToken: ct);
        var denial = Assert.Single(denials.Denials);
        Assert.Equal((denied, "97", $"{denied}-2"), (denial.ClaimId, denial.ReasonCode, denial.LineItemControlNumber));
        var task = await Eventually.MatchAsync(
            async () => (await coding.ListCorrectionTasksAsync(new ListCorrectionTasksRequest(), Headers, cancellationToken: ct)).Tasks.FirstOrDefault(t => t.ClaimId == denied),
            t => t is not null);
        Assert.StartsWith("SBX", task!.PayerClaimControlNumber);

        // The coder fixes the bundled line; the replacement (frequency 7) cites the sandbox's claim number in the next 837.
        var complete = new CompleteCorrectionRequest { TaskId = task.TaskId, IdempotencyKey = "fix-sandbox" };
        complete.CorrectedLines.Add(new CorrectedLine { LineItemControlNumber = task.LineItemControlNumber, ProcedureCode = task.ProcedureCode, Modifiers = { "59" }, Units = 1 });
        await coding.CompleteCorrectionAsync(complete, Headers, cancellationToken: ct);
        var record = await Eventually.MatchAsync(async () => await Claim(denied), r => r.Versions.Count == 2);
        Assert.Equal((ClaimFrequency.Replacement, task.PayerClaimControlNumber), (record.Versions[0].Claim.Frequency, record.Versions[0].Claim.PayerClaimControlNumber));
        var resent = Assert.Single((await submission.TransmitClaimsAsync(new TransmitClaimsRequest(), Headers, cancellationToken: ct)).Built);
        Assert.Equal([denied], resent.Claims.Select(c => c.ClaimId));
        Assert.Equal(2, resent.Claims.Single().Version);
    }
}
