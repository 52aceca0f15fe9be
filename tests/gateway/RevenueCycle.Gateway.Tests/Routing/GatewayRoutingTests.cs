using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.Testing;

namespace RevenueCycle.Gateway.Tests.Routing;

/// <summary>Every service reached through YARP, over gRPC (h2c) and over JSON (HTTP/1.1).</summary>
public sealed class GatewayRoutingTests(PlatformFixture fixture)
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);
    private static readonly Metadata Key = new() { { "x-api-key", PlatformFixture.DemoKey } };

    private HttpClient Json()
    {
        var http = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp };
        http.DefaultRequestHeaders.Add("x-api-key", PlatformFixture.DemoKey);
        return http;
    }

    [Fact]
    public async Task EveryService_AnswersGrpcThroughTheGateway()
    {
        var ct = TestContext.Current.CancellationToken;
        var coverage = await new EligibilityService.EligibilityServiceClient(_channel).RegisterCoverageAsync(new RegisterCoverageRequest
        {
            IdempotencyKey = Guid.NewGuid().ToString(),
            Coverage = new Coverage
            {
                PatientId = "pat-001", Payer = new Payer { PayerId = "12345" }, Subscriber = new Subscriber { MemberId = "MEMBER001" },
                EffectiveDate = new Google.Type.Date { Year = 2026, Month = 1, Day = 1 },
            },
        }, Key, cancellationToken: ct);
        var validation = await new CodingService.CodingServiceClient(_channel).ValidateCodesAsync(
            new ValidateCodesRequest { DateOfService = new Google.Type.Date { Year = 2026, Month = 3, Day = 2 }, Diagnoses = { new Diagnosis { Code = "E11.9" } } }, Key, cancellationToken: ct);
        var claim = Samples.Claim().ToProto();
        var record = await new SubmissionService.SubmissionServiceClient(_channel).SubmitClaimAsync(
            new SubmitClaimRequest { IdempotencyKey = Guid.NewGuid().ToString(), Claim = claim }, Key, cancellationToken: ct);
        var rate = await new ScrubbingService.ScrubbingServiceClient(_channel).GetCleanClaimRateAsync(new GetCleanClaimRateRequest(), Key, cancellationToken: ct);
        var denials = await new PostingService.PostingServiceClient(_channel).ListDenialsAsync(new ListDenialsRequest { Category = DenialCategory.Coding, PageSize = 1 }, Key, cancellationToken: ct);
        var collections = new CollectionsService.CollectionsServiceClient(_channel);
        // claim-submitted travels from submission to collections over the in-process bus.
        var account = await Eventually.MatchAsync(async () =>
        {
            try
            {
                return await collections.GetAccountAsync(new GetAccountRequest { AccountId = "acct-001" }, Key, cancellationToken: ct);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                return null;
            }
        }, a => a is not null && a.Claims.Any(c => c.ClaimId == record.ClaimId));

        Assert.StartsWith("cov_", coverage.CoverageId);
        Assert.True(validation.Valid);
        Assert.Equal(ClaimStatus.Scrubbed, record.Versions[0].Status);
        Assert.True(rate.ClaimsScrubbed >= 1);
        Assert.True(denials.Denials.Count <= 1); // the request's fields reached posting: its page size and category
        Assert.All(denials.Denials, d => Assert.Equal(DenialCategory.Coding, d.Category));
        Assert.Equal(14_500, account!.Claims.Single(c => c.ClaimId == record.ClaimId).ChargeCents);
    }

    [Fact]
    public async Task EveryService_AnswersJsonThroughTheGateway()
    {
        using var http = Json();
        var ct = TestContext.Current.CancellationToken;

        using var eligibility = await http.PostAsync("/v1/eligibility/estimates", Body("""{"coverageId":"cov_missing","dateOfService":{"year":2026,"month":3,"day":2},"allowedCents":"100"}"""), ct);
        using var coding = await http.PostAsync("/v1/coding/validate", Body("""{"dateOfService":{"year":2026,"month":3,"day":2},"diagnoses":[{"code":"E11"}]}"""), ct);
        using var scrubbing = await http.GetAsync("/v1/scrubbing/clean-claim-rate", ct);
        using var submission = await http.GetAsync("/v1/submission/claims/C-missing", ct);
        using var posting = await http.GetAsync("/v1/posting/denials?pageSize=5", ct);
        using var collections = await http.PostAsync("/v1/collections/accounts/acct-x/payments", Body("""{"idempotencyKey":"pay-x","amountCents":"0","method":"card"}"""), ct);

        Assert.Equal(HttpStatusCode.NotFound, eligibility.StatusCode); // the service's own answer, not the gateway's
        Assert.Contains("cov_missing", (await eligibility.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("message").GetString());
        Assert.False((await coding.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("valid").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, scrubbing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, submission.StatusCode);
        Assert.Equal(HttpStatusCode.OK, posting.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, collections.StatusCode);
        Assert.Equal("amount_cents", (await collections.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("details")[0].GetProperty("fieldViolations")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Health_OfEveryService_IsRoutedToItsReadiness()
    {
        using var http = Json();

        foreach (var service in new[] { "eligibility", "coding", "scrubbing", "submission", "posting", "collections" })
        {
            Assert.Equal("Healthy", await http.GetStringAsync($"/v1/{service}/health", TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task Json_OverHttp2OnTheGrpcPort_AlsoWorks()
    {
        using var http = new HttpClient { BaseAddress = fixture.Platform.GatewayGrpc, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        http.DefaultRequestHeaders.Add("x-api-key", PlatformFixture.DemoKey);

        using var response = await http.GetAsync("/v1/scrubbing/clean-claim-rate", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(2, 0), response.Version);
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");
}
