using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Scrubbing.Api.Grpc;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Api;

[RequiresRedis]
public sealed class ScrubbingApiTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncDisposable
{
    // The sample claims' visit was yesterday, whatever day the tests run (the payer's timely-filing limit would age them).
    private readonly ServiceFactory<ScrubbingGrpcService> _factory = new(ServiceFactory<ScrubbingGrpcService>.RedisSettings(redis.NewConnectionString()),
        services => services.AddSingleton<TimeProvider>(ShiftedClock.AfterTheSampleVisit()));

    [Fact]
    public async Task Scrub_OverGrpcAndJson_RecordsAndReports()
    {
        var client = new ScrubbingService.ScrubbingServiceClient(_factory.CreateChannel());
        var claim = (Samples.Claim("C10") with { PatientControlNumber = "C10" }).ToProto();
        claim.BillingProvider.Npi = "1234567890";

        var result = await client.ScrubClaimAsync(new ScrubClaimRequest { Claim = claim }, cancellationToken: TestContext.Current.CancellationToken);
        using var http = _factory.CreateClient();
        var stored = await http.GetFromJsonAsync<JsonElement>("/v1/scrubbing/results/C10", TestContext.Current.CancellationToken);
        var rate = await http.GetFromJsonAsync<JsonElement>("/v1/scrubbing/clean-claim-rate", TestContext.Current.CancellationToken);

        Assert.False(result.Clean);
        Assert.Equal("BP-NPI", Assert.Single(result.Findings, f => f.Severity == Contracts.Common.V1.Severity.Reject).RuleId);
        Assert.Equal("OWNER_BILLING", stored.GetProperty("findings")[0].GetProperty("owner").GetString());
        Assert.Equal("1", rate.GetProperty("claimsScrubbed").ToString());
        Assert.Equal(0, rate.GetProperty("rateBasisPoints").GetInt32());
    }

    [Fact]
    public async Task ValidateAndBatch_OverJson_AnswerWithFindings()
    {
        using var http = _factory.CreateClient();
        var claim = (Samples.Claim("C11") with { PatientControlNumber = "C11" }).ToProto();
        claim.Lines[1].ProcedureCode = "29877";
        claim.Lines[0].ProcedureCode = "29881";
        var json = Google.Protobuf.JsonFormatter.Default.Format(claim);

        using var validate = await http.PostAsync("/v1/scrubbing/validate", new StringContent($"{{\"claim\":{json}}}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var validated = await validate.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        using var batch = await http.PostAsync("/v1/scrubbing/batch", new StringContent($"{{\"claims\":[{json},{json}]}}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var streamed = await batch.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var rules = await http.GetFromJsonAsync<JsonElement>("/v1/scrubbing/rule-sets", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, validate.StatusCode);
        Assert.Contains(validated.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "NCCI-PTP");
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(streamed, "\"claimId\":\\s*\"C11\""));
        Assert.Equal("demo pack", rules.GetProperty("referenceSource").GetString());
    }

    [Fact]
    public async Task GetResult_Unknown_Is404OverJson()
    {
        using var http = _factory.CreateClient();

        using var response = await http.GetAsync("/v1/scrubbing/results/nope", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
