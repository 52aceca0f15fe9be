using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Scrubbing.V1;

namespace RevenueCycle.Gateway.Tests.Middleware;

/// <summary>Who gets in: API keys, scopes and unknown routes, in both protocols.</summary>
public sealed class AdmissionTests(PlatformFixture fixture)
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(fixture.Platform.GatewayGrpc);

    private static Metadata Key(string key) => new() { { "x-api-key", key } };

    [Fact]
    public async Task Grpc_MissingKey_IsUnauthenticated()
    {
        var client = new ScrubbingService.ScrubbingServiceClient(_channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetCleanClaimRateAsync(new GetCleanClaimRateRequest(), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Grpc_WrongKey_IsUnauthenticated()
    {
        var client = new ScrubbingService.ScrubbingServiceClient(_channel);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetCleanClaimRateAsync(new GetCleanClaimRateRequest(), Key("not-a-key"), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Grpc_KeyWithoutTheServiceScope_IsPermissionDenied_ButItsOwnServiceWorks()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => new ScrubbingService.ScrubbingServiceClient(_channel)
            .GetCleanClaimRateAsync(new GetCleanClaimRateRequest(), Key(PlatformFixture.CodingOnlyKey), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        using var allowed = new CodingService.CodingServiceClient(_channel)
            .ListCorrectionTasksAsync(new ListCorrectionTasksRequest(), Key(PlatformFixture.CodingOnlyKey), cancellationToken: TestContext.Current.CancellationToken);
        await allowed.ResponseAsync;

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(StatusCode.OK, allowed.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Json_MissingWrongAndUnscopedKeys_Are401And403()
    {
        using var http = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp };
        var ct = TestContext.Current.CancellationToken;

        using var missing = await http.GetAsync("/v1/scrubbing/clean-claim-rate", ct);
        using var wrong = await Send(http, "/v1/scrubbing/clean-claim-rate", "nope");
        using var unscoped = await Send(http, "/v1/scrubbing/clean-claim-rate", PlatformFixture.CodingOnlyKey);
        using var bearer = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/scrubbing/clean-claim-rate") { Headers = { { "Authorization", $"Bearer {PlatformFixture.DemoKey}" } } }, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(16, (await missing.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unscoped.StatusCode);
        Assert.Equal(7, (await unscoped.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
    }

    [Fact]
    public async Task UnknownRoutes_Are404OrUnimplemented_WithoutAuthenticating()
    {
        using var http = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp };

        using var json = await http.GetAsync("/v1/billing/anything", TestContext.Current.CancellationToken);
        var grpc = await Assert.ThrowsAsync<RpcException>(() => _channel.CreateCallInvoker()
            .AsyncUnaryCall(new Method<GetCleanClaimRateRequest, GetCleanClaimRateResponse>(MethodType.Unary, "revenuecycle.billing.v1.BillingService", "Get",
                Marshallers.Create(r => Google.Protobuf.MessageExtensions.ToByteArray(r), GetCleanClaimRateRequest.Parser.ParseFrom),
                Marshallers.Create(r => Google.Protobuf.MessageExtensions.ToByteArray(r), GetCleanClaimRateResponse.Parser.ParseFrom)),
                null, new CallOptions(Key(PlatformFixture.DemoKey)), new GetCleanClaimRateRequest()).ResponseAsync);

        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        Assert.Equal(StatusCode.Unimplemented, grpc.StatusCode);
    }

    [Fact]
    public async Task CorrelationId_IsEchoedWhenGivenAndMintedWhenNot()
    {
        using var http = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp };
        http.DefaultRequestHeaders.Add("x-api-key", PlatformFixture.DemoKey);

        using var given = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/scrubbing/clean-claim-rate") { Headers = { { "x-correlation-id", "req-42" } } }, TestContext.Current.CancellationToken);
        using var minted = await http.GetAsync("/v1/scrubbing/clean-claim-rate", TestContext.Current.CancellationToken);
        using var hostile = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/scrubbing/clean-claim-rate") { Headers = { { "x-correlation-id", "bad id\twith spaces" } } }, TestContext.Current.CancellationToken);

        Assert.Equal("req-42", given.Headers.GetValues("x-correlation-id").Single());
        Assert.Matches("^[0-9a-f]{32}$", minted.Headers.GetValues("x-correlation-id").Single());
        Assert.Matches("^[0-9a-f]{32}$", hostile.Headers.GetValues("x-correlation-id").Single());
        Assert.NotEqual(minted.Headers.GetValues("x-correlation-id").Single(), hostile.Headers.GetValues("x-correlation-id").Single()); // a new one each time
    }

    [Fact]
    public async Task ClientName_ComesFromTheKeyAndCannotBeSpoofed()
    {
        var coding = new CodingService.CodingServiceClient(_channel);
        var headers = new Metadata { { "x-api-key", PlatformFixture.DemoKey }, { "x-rcm-client", "someone-else" } };

        var encounter = await coding.CreateEncounterAsync(new CreateEncounterRequest
        {
            IdempotencyKey = Guid.NewGuid().ToString(), PatientId = "pat-7", ProviderNpi = "1234567893", DateOfService = new Google.Type.Date { Year = 2026, Month = 3, Day = 2 },
        }, headers, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("local-demo", encounter.Audit.Single().Actor);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, string path, string key) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "x-api-key", key } } });
}
