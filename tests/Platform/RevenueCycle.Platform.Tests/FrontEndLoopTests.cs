using Grpc.Core;
using Grpc.Net.Client;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// The front-end loop over real Redis, through the gateway: a 270 to the payer sandbox and its 271 kept as a snapshot
/// (authorization required), an authorization recorded, a claim carrying it (REF*G1) paid and using its unit, a claim
/// without it denied CO-197 on the 835, the denial on the registrars' worklist with the 271 that was in force, and the
/// registrar's fix going out as a replacement claim the payer pays.
/// </summary>
[RequiresRedis]
public sealed class FrontEndLoopTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Key = "front-end-test-key";
    private static readonly Metadata Headers = new() { { "x-api-key", Key } };

    [Fact]
    public async Task AuthorizationDenial_ReachesTheFrontEnd_AndTheFixIsPaid()
    {
        var ct = TestContext.Current.CancellationToken;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var options = new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, Storage = "Redis", Redis = redis.NewConnectionString(), ClearinghouseInterval = TimeSpan.Zero };
        await using var platform = await PlatformHost.StartAsync(options, cancellationToken: ct);
        var channel = GrpcChannel.ForAddress(platform.GatewayGrpc);
        var eligibility = new EligibilityService.EligibilityServiceClient(channel);
        var submission = new SubmissionService.SubmissionServiceClient(channel);

        // Registration: the coverage, and the payer asked (member id ending in A: authorization required).
        var coverage = await eligibility.RegisterCoverageAsync(new RegisterCoverageRequest
        {
            IdempotencyKey = "cov-fe",
            Coverage = new Coverage
            {
                PatientId = "pat-001", Payer = new Payer { PayerId = "12345", Name = "SAMPLE HEALTH PLAN" },
                Subscriber = new Subscriber { MemberId = "FELOOP1A", Name = new PersonName { Last = "DOE", First = "JANE" }, RelationshipToPatient = Relationship.Self },
                EffectiveDate = new Google.Type.Date { Year = today.Year - 1, Month = 1, Day = 1 },
            },
        }, Headers, cancellationToken: ct);
        var check = new CheckEligibilityRequest { CoverageId = coverage.CoverageId, DateOfService = today.ToProto() };
        check.ServiceTypeCodes.Add("98");
        var answer = await eligibility.CheckEligibilityAsync(check, Headers, cancellationToken: ct);
        Assert.Equal(EligibilityOutcome.Active, answer.Outcome);
        Assert.Equal(["2", "62"], answer.AuthorizationRequiredServiceTypes);

        var authorization = await eligibility.CreateAuthorizationAsync(new CreateAuthorizationRequest
        {
            IdempotencyKey = "auth-1",
            Authorization = new Authorization
            {
                Kind = AuthorizationKind.PriorAuthorization, Number = "PA-7001", PayerId = "12345", PatientId = "pat-001", CoverageId = coverage.CoverageId,
                ProcedureCodes = { "99213" }, UnitsApproved = 1, From = today.AddDays(-30).ToProto(), To = today.AddDays(30).ToProto(),
            },
        }, Headers, cancellationToken: ct);

        // Billing: one claim carries the authorization (REF*G1), one does not.
        async Task<string> SubmitAsync(string claimId, string authorizationNumber, string procedure)
        {
            var claim = Samples.Claim(claimId) with
            {
                PatientControlNumber = claimId, CoverageId = coverage.CoverageId, PriorAuthorizationNumber = authorizationNumber,
                Subscriber = Samples.Claim().Subscriber! with { MemberId = "FELOOP1A" },
                Lines = [Samples.Line(1, procedure, 12_500, [1]) with { ServiceDateFrom = today }],
            };
            var record = await submission.SubmitClaimAsync(new SubmitClaimRequest { IdempotencyKey = claimId, Claim = claim.ToProto() }, Headers, cancellationToken: ct);
            Assert.True(record.Versions[0].Status == Contracts.Submission.V1.ClaimStatus.Scrubbed, string.Join("; ", record.Versions[0].Findings.Select(f => f.Message)));
            return record.ClaimId;
        }

        var withAuth = await SubmitAsync("FE-AUTH-1", "PA-7001", "99213");
        var without = await SubmitAsync("FE-NOAUTH-1", "", "99214"); // another visit the same day: not a duplicate
        await submission.TransmitClaimsAsync(new TransmitClaimsRequest(), Headers, cancellationToken: ct);
        await submission.ReceiveResponsesAsync(new ReceiveResponsesRequest(), Headers, cancellationToken: ct);

        // The claim with REF*G1 is paid and uses the authorization's unit.
        var paid = await submission.GetClaimAsync(new GetClaimRequest { ClaimId = withAuth }, Headers, cancellationToken: ct);
        Assert.Equal(Contracts.Submission.V1.ClaimStatus.Adjudicated, paid.Versions[0].Status);
        var used = await Eventually.MatchAsync(
            async () => (await eligibility.GetAuthorizationAsync(new GetAuthorizationRequest { AuthorizationId = authorization.AuthorizationId }, Headers, cancellationToken: ct)),
            a => a.UnitsUsed == 1);
        Assert.Equal(0, used.UnitsLeft);

        // The claim without it: CO-197 on the 835, a front-end denial, on the registrars' worklist with what the 271 said.
        var task = await Eventually.MatchAsync(
            async () => (await eligibility.ListFrontEndTasksAsync(new ListFrontEndTasksRequest(), Headers, cancellationToken: ct)).Tasks.SingleOrDefault(t => t.ClaimId == without),
            t => t is not null && t.SnapshotId.Length > 0); // claim-submitted and claim-denied may arrive in either order
        Assert.Equal(("197", "Authorization"), (task!.Denials.Single().ReasonCode, task.Denials.Single().Category));
        Assert.Equal(answer.SnapshotId, task.SnapshotId);
        Assert.Contains("authorization required for service types 2, 62", task.KnownThen);
        Assert.Equal(coverage.CoverageId, task.CoverageId);

        // The registrar gets a retro-authorization and resolves the task: the replacement claim goes out and is paid.
        var retro = await eligibility.CreateAuthorizationAsync(new CreateAuthorizationRequest
        {
            IdempotencyKey = "auth-2",
            Authorization = new Authorization
            {
                Kind = AuthorizationKind.PriorAuthorization, Number = "PA-7002", PayerId = "12345", PatientId = "pat-001", ProcedureCodes = { "99214" }, UnitsApproved = 1,
                From = today.AddDays(-30).ToProto(), To = today.AddDays(30).ToProto(),
            },
        }, Headers, cancellationToken: ct);
        await eligibility.ResolveFrontEndTaskAsync(new ResolveFrontEndTaskRequest { TaskId = task.TaskId, AuthorizationId = retro.AuthorizationId, Note = "retro-authorization" }, Headers, cancellationToken: ct);
        var corrected = await Eventually.MatchAsync(
            () => submission.GetClaimAsync(new GetClaimRequest { ClaimId = without }, Headers, cancellationToken: ct).ResponseAsync,
            r => r.Versions.Count == 2);
        var replacement = corrected.Versions[0];
        Assert.Equal((ClaimFrequency.Replacement, "PA-7002"), (replacement.Claim.Frequency, replacement.Claim.PriorAuthorizationNumber));
        Assert.Equal(Contracts.Submission.V1.ClaimStatus.Scrubbed, replacement.Status);

        await submission.TransmitClaimsAsync(new TransmitClaimsRequest(), Headers, cancellationToken: ct);
        await submission.ReceiveResponsesAsync(new ReceiveResponsesRequest(), Headers, cancellationToken: ct);
        var final = await submission.GetClaimAsync(new GetClaimRequest { ClaimId = without }, Headers, cancellationToken: ct);
        Assert.Equal(Contracts.Submission.V1.ClaimStatus.Adjudicated, final.Versions[0].Status);
        Assert.Empty((await eligibility.ListFrontEndTasksAsync(new ListFrontEndTasksRequest(), Headers, cancellationToken: ct)).Tasks);
    }
}
