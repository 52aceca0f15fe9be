using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.Infrastructure.Auditing;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Eligibility.Api.Grpc;
using RevenueCycle.Eligibility.Tests.Api.Grpc;
using RevenueCycle.Testing;

namespace RevenueCycle.Eligibility.Tests.Api;

/// <summary>The eligibility host over a real Redis: gRPC and JSON, malformed input, nothing changed by bad input.</summary>
[RequiresRedis]
public sealed class EligibilityApiTests : IClassFixture<RedisFixture>, IAsyncDisposable
{
    private readonly ServiceFactory<EligibilityGrpcService> _factory;
    private readonly EligibilityService.EligibilityServiceClient _client;

    public EligibilityApiTests(RedisFixture redis)
    {
        _factory = new ServiceFactory<EligibilityGrpcService>(ServiceFactory<EligibilityGrpcService>.RedisSettings(redis.NewConnectionString()));
        _client = new EligibilityService.EligibilityServiceClient(_factory.CreateChannel());
    }

    [Fact]
    public async Task RegisterAndCheck_OverGrpc_AsksThePayerAndKeepsTheSnapshotInRedis()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var request = EligibilityGrpcServiceTests.Request();
        request.Coverage.Subscriber.MemberId = "M1D";
        request.Coverage.EffectiveDate = new Google.Type.Date { Year = today.Year - 1, Month = 1, Day = 1 };
        var coverage = await _client.RegisterCoverageAsync(request, cancellationToken: TestContext.Current.CancellationToken);
        var again = await _client.RegisterCoverageAsync(request, cancellationToken: TestContext.Current.CancellationToken);
        var read = await _client.GetCoverageAsync(new GetCoverageRequest { CoverageId = coverage.CoverageId }, cancellationToken: TestContext.Current.CancellationToken);
        var check = new CheckEligibilityRequest { CoverageId = coverage.CoverageId, DateOfService = new Google.Type.Date { Year = today.Year, Month = today.Month, Day = today.Day } };
        check.ServiceTypeCodes.Add("98");

        var first = await _client.CheckEligibilityAsync(check, cancellationToken: TestContext.Current.CancellationToken);
        var cached = await _client.CheckEligibilityAsync(check, cancellationToken: TestContext.Current.CancellationToken);
        var snapshot = await _client.GetEligibilitySnapshotAsync(new GetEligibilitySnapshotRequest { SnapshotId = first.SnapshotId }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(coverage.CoverageId, again.CoverageId);
        Assert.Equal("M1D", read.Subscriber.MemberId);
        Assert.Equal((CoverageStatus.Active, EligibilityOutcome.Active, false), (first.Status, first.Outcome, first.FromCache));
        Assert.Equal((50_000L, 45_000L, 2_000, 2_500L), (first.Benefits.DeductibleCents, first.Benefits.DeductibleMetCents, first.Benefits.CoinsuranceBasisPoints, first.Benefits.CopayCents));
        Assert.Equal((first.SnapshotId, true), (cached.SnapshotId, cached.FromCache));
        Assert.Equal(coverage.CoverageId, snapshot.Answer.CoverageId);
        Assert.Contains($"TRN*2*{first.TraceNumber}*", snapshot.Raw271);
    }

    [Fact]
    public async Task Check_DateOutsideTheCoverage_IsInvalidArgumentNamingTheField()
    {
        var coverage = await _client.RegisterCoverageAsync(EligibilityGrpcServiceTests.Request("outside-1"), cancellationToken: TestContext.Current.CancellationToken);
        var start = coverage.EffectiveDate;
        var check = new CheckEligibilityRequest { CoverageId = coverage.CoverageId, DateOfService = new Google.Type.Date { Year = start.Year - 1, Month = 12, Day = 31 } };

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CheckEligibilityAsync(check, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("date_of_service", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Check_OverJson_ByPayerAndMember_AnswersARejectionAsData()
    {
        using var http = _factory.CreateClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var dos = $$"""{"year":{{today.Year}},"month":{{today.Month}},"day":{{today.Day}}}""";
        var body = """{"payerId":"12345","subscriber":{"memberId":"NOSUCHR","name":{"last":"DOE","first":"JANE"}},"dateOfService":DOS}""".Replace("DOS", dos, StringComparison.Ordinal);

        using var response = await http.PostAsync("/v1/eligibility/checks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ELIGIBILITY_OUTCOME_REJECTED", json.GetProperty("outcome").GetString());
        Assert.Equal("COVERAGE_STATUS_UNKNOWN", json.GetProperty("status").GetString());
        Assert.Equal("72", json.GetProperty("rejections")[0].GetProperty("reasonCode").GetString());
        Assert.StartsWith("snap_", json.GetProperty("snapshotId").GetString());
    }

    [Fact]
    public async Task Batch_OverGrpcAndJson_StreamsEveryRowsAnswer()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var request = new CheckEligibilityBatchRequest { Concurrency = 3 };
        for (var i = 0; i < 12; i++)
        {
            request.Rows.Add(new EligibilityBatchRow
            {
                Reference = $"appt-{i}",
                Check = new CheckEligibilityRequest
                {
                    PayerId = "12345",
                    Subscriber = new Contracts.Common.V1.Subscriber { MemberId = $"BATCH{i:D2}{(i % 2 == 0 ? "D" : "R")}" },
                    DateOfService = new Google.Type.Date { Year = today.Year, Month = today.Month, Day = today.Day },
                },
            });
        }

        request.Rows[5].Check.DateOfService.Month = 13;

        var results = new List<CheckEligibilityBatchResult>();
        using var call = _client.CheckEligibilityBatch(request, cancellationToken: TestContext.Current.CancellationToken);
        await foreach (var result in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        using var http = _factory.CreateClient();
        using var json = await http.PostAsync("/v1/eligibility/batches",
            new StringContent(Google.Protobuf.JsonFormatter.Default.Format(request), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var body = await json.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(0, 12), results.Select(r => r.Index).Order());
        Assert.Equal("date_of_service", results.Single(r => r.Index == 5).Errors.Single().Field);
        Assert.Null(results.Single(r => r.Index == 5).Answer);
        Assert.Equal(6, results.Count(r => r.Answer?.Outcome == EligibilityOutcome.Active));
        Assert.Equal(5, results.Count(r => r.Answer?.Outcome == EligibilityOutcome.Rejected));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(11, System.Text.RegularExpressions.Regex.Count(body, "\"fromCache\": ?true")); // the second run answered from the snapshots
    }

    [Fact]
    public async Task Register_OverJson_AnswersTheSameContract()
    {
        using var http = _factory.CreateClient();
        var body = """{"idempotencyKey":"json-1","coverage":{"patientId":"pat-9","payer":{"payerId":"12345"},"subscriber":{"memberId":"M9"},"effectiveDate":{"year":2026,"month":1,"day":1},"benefits":{"copayCents":"2500"}}}""";

        using var response = await http.PostAsync("/v1/eligibility/coverages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        using var get = await http.GetAsync($"/v1/eligibility/coverages/{json.GetProperty("coverageId").GetString()}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2500", json.GetProperty("benefits").GetProperty("copayCents").ToString());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task Json_WrongType_Is400NamingTheFieldAndStoresNothing()
    {
        using var http = _factory.CreateClient();
        var body = """{"idempotencyKey":"bad-1","coverage":{"patientId":42,"payer":{"payerId":"12345"},"subscriber":{"memberId":"M1"},"effectiveDate":{"year":2026,"month":1,"day":1}}}""";

        using var response = await http.PostAsync("/v1/eligibility/coverages", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, json.GetProperty("code").GetInt32());
        var violation = json.GetProperty("details")[0].GetProperty("fieldViolations")[0];
        Assert.Equal("coverage.patient_id", violation.GetProperty("field").GetString());

        // The same key with a good body now registers: the bad request left no idempotency record behind.
        var good = body.Replace("42", "\"pat-1\"", StringComparison.Ordinal);
        using var retry = await http.PostAsync("/v1/eligibility/coverages", new StringContent(good, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task Json_Malformed_Is400WithPosition()
    {
        using var http = _factory.CreateClient();

        using var response = await http.PostAsync("/v1/eligibility/checks", new StringContent("{\"coverageId\": ", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("body: is not valid JSON", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Grpc_MalformedProtobuf_IsInvalidArgumentNamingTheField()
    {
        using var http = _factory.CreateDefaultClient();
        // RegisterCoverageRequest.coverage (field 2, length-delimited) whose payload claims 5 bytes but has 1.
        byte[] message = [0x12, 0x05, 0x0a];
        var frame = new byte[5 + message.Length];
        frame[4] = (byte)message.Length;
        message.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/revenuecycle.eligibility.v1.EligibilityService/RegisterCoverage")
        {
            Version = HttpVersion.Version20,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var details = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(response.Headers.GetValues("grpc-status-details-bin").Single()));

        Assert.Equal("3", response.Headers.GetValues("grpc-status").Single());
        Assert.Equal("coverage", details.Details[0].Unpack<BadRequest>().FieldViolations[0].Field);
    }

    [Fact]
    public async Task Grpc_DomainValidation_CarriesBadRequestDetails()
    {
        var request = EligibilityGrpcServiceTests.Request();
        request.Coverage.Subscriber.MemberId = "";

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.RegisterCoverageAsync(request, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        var status = error.GetRpcStatus();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("coverage.subscriber.member_id", status!.GetDetail<BadRequest>().FieldViolations.Single().Field);
    }

    [Fact]
    public async Task Health_LiveAndReady_AnswerInProduction()
    {
        using var http = _factory.CreateClient();

        Assert.Equal("Healthy", await http.GetStringAsync("/health/live", TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EveryCall_IsInTheAuditTrail_WithClientIdsAndOutcome()
    {
        var headers = new Metadata { { "x-rcm-client", "registration-desk" }, { "x-correlation-id", "corr-1" } };
        var coverage = await _client.RegisterCoverageAsync(EligibilityGrpcServiceTests.Request("audit-1"), headers, cancellationToken: TestContext.Current.CancellationToken);
        await _client.GetCoverageAsync(new GetCoverageRequest { CoverageId = coverage.CoverageId }, headers, cancellationToken: TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<RpcException>(() => _client.GetCoverageAsync(new GetCoverageRequest { CoverageId = "cov_nope" }, headers, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        var trail = await _factory.Services.GetRequiredService<IAuditTrail>().ReadLatestAsync(10, TestContext.Current.CancellationToken);

        Assert.Equal(["NotFound", "OK", "OK"], trail.Select(r => r.Outcome));
        Assert.Equal("/revenuecycle.eligibility.v1.EligibilityService/GetCoverage", trail[1].Operation);
        Assert.Equal(coverage.CoverageId, trail[1].Resources["coverage_id"]);
        Assert.Equal(coverage.CoverageId, trail[2].Resources["coverage_id"]); // taken from the response of the registration
        Assert.All(trail, r => Assert.Equal(("registration-desk", "eligibility", "corr-1"), (r.Actor, r.Service, r.CorrelationId)));
        Assert.DoesNotContain(trail, r => r.Resources.Values.Contains("M1")); // identifiers of records, not their content
        var health = await new global::Grpc.Health.V1.Health.HealthClient(_factory.CreateChannel()).CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status); // probes are not audited:
        Assert.Equal(3, (await _factory.Services.GetRequiredService<IAuditTrail>().ReadLatestAsync(10, TestContext.Current.CancellationToken)).Count);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
