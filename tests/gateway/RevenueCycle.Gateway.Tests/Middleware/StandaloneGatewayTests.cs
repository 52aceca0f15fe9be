using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Gateway.Extensions;
using RevenueCycle.Gateway.Security;
using RevenueCycle.Testing;

namespace RevenueCycle.Gateway.Tests.Middleware;

/// <summary>A gateway of its own, configured per test: backends that are down, rate and body limits.</summary>
public sealed class StandaloneGatewayTests(PlatformFixture fixture)
{
    private const string Key = "standalone-key";

    private static async Task<(WebApplication App, Uri Grpc, Uri Http)> StartGatewayAsync(Dictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hosting:BindAddress"] = "127.0.0.1",
            ["Hosting:GrpcPort"] = "0",
            ["Hosting:HttpPort"] = "0",
            ["Gateway:ApiKeys:0:Name"] = "standalone",
            ["Gateway:ApiKeys:0:Sha256"] = ApiKeyAuthenticator.Hash(Key),
            ["Gateway:ApiKeys:0:Scopes:0"] = "*",
            ["Logging:Simple"] = "true",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGateway();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        var app = builder.Build();
        app.MapGateway();
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<GatewayEndpoints>();
        return (app, new Uri($"http://127.0.0.1:{bound.GrpcPort}"), new Uri($"http://127.0.0.1:{bound.HttpPort}"));
    }

    [Fact]
    public async Task BackendDown_IsUnavailableWellWithinTheDeadline()
    {
        var dead = $"http://127.0.0.1:{TestPorts.Free()}";
        var (app, grpc, http) = await StartGatewayAsync(new() { ["Gateway:Services:scrubbing"] = dead });
        await using var _ = app;
        var client = new ScrubbingService.ScrubbingServiceClient(GrpcChannel.ForAddress(grpc));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetCleanClaimRateAsync(
            new GetCleanClaimRateRequest(), new Metadata { { "x-api-key", Key } }, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        using var json = new HttpClient { BaseAddress = http };
        json.DefaultRequestHeaders.Add("x-api-key", Key);
        using var response = await json.GetAsync("/v1/scrubbing/clean-claim-rate", TestContext.Current.CancellationToken);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode); // not DeadlineExceeded: the gateway answered, it did not hang
        Assert.Contains("scrubbing", error.Status.Detail);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(14, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task RateLimit_PerKey_AnswersResourceExhausted()
    {
        var (app, _, http) = await StartGatewayAsync(new()
        {
            ["Gateway:Services:scrubbing"] = fixture.Platform.Services["scrubbing"].ToString(),
            ["Gateway:RequestsPerSecond"] = "1",
            ["Gateway:Burst"] = "2",
        });
        await using var _ = app;
        using var json = new HttpClient { BaseAddress = http };
        json.DefaultRequestHeaders.Add("x-api-key", Key);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await json.GetAsync("/v1/scrubbing/clean-claim-rate", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task KeysInAFile_RotateWithoutARestart()
    {
        // The chart mounts the keys as a Secret file; the gateway re-reads it when it changes.
        const string OldKey = "rotating-old-key", NewKey = "rotating-new-key";
        var file = Path.Combine(Path.GetTempPath(), $"rcm-keys-{Guid.NewGuid():N}.json");
        static string Keys(params object[] keys) => JsonSerializer.Serialize(new { Gateway = new { ApiKeys = keys } });
        await File.WriteAllTextAsync(file, Keys(new { Name = "billing-app", Id = "2026-11", Sha256 = ApiKeyAuthenticator.Hash(OldKey), Scopes = new[] { "scrubbing" } }), TestContext.Current.CancellationToken);
        try
        {
            var (app, _, http) = await StartGatewayAsync(new()
            {
                ["Gateway:Services:scrubbing"] = fixture.Platform.Services["scrubbing"].ToString(),
                ["Gateway:ApiKeysFile"] = file,
            });
            await using var _ = app;
            using var json = new HttpClient { BaseAddress = http };
            async Task<(HttpStatusCode Status, string Body)> CallWith(string key)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/scrubbing/clean-claim-rate") { Headers = { { "x-api-key", key } } };
                using var response = await json.SendAsync(request, TestContext.Current.CancellationToken);
                return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            var before = (Old: await CallWith(OldKey), New: await CallWith(NewKey));
            await File.WriteAllTextAsync(file, Keys(
                new { Name = "billing-app", Id = "2026-12", Sha256 = ApiKeyAuthenticator.Hash(NewKey), Scopes = new[] { "scrubbing" } },
                new { Name = "billing-app", Id = "2026-11", Sha256 = ApiKeyAuthenticator.Hash(OldKey), Scopes = new[] { "scrubbing" }, Revoked = true }), TestContext.Current.CancellationToken);
            // The new key first: once it is taken the file was re-read, so the old key's call after it sees the new file
            // (asked the other way round, a reload between the two calls let the old key pass once).
            var after = await Eventually.MatchAsync(async () => { var n = await CallWith(NewKey); return (Old: await CallWith(OldKey), New: n); }, r => r.New.Status == HttpStatusCode.OK);

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before.Old.Status, before.New.Status));
            Assert.Equal(HttpStatusCode.Unauthorized, after.Old.Status);
            Assert.Contains("This API key (2026-11) was revoked", after.Old.Body, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RateLimitRefusals_AreLoggedAsOneCountPerInterval_NotALineEach()
    {
        var logs = new CapturingLoggerProvider();
        var (app, _, http) = await StartGatewayAsync(new()
        {
            ["Gateway:Services:scrubbing"] = fixture.Platform.Services["scrubbing"].ToString(),
            ["Gateway:RequestsPerSecond"] = "1",
            ["Gateway:Burst"] = "1",
            ["Gateway:RateLimitLogInterval"] = "01:00:00", // only the flush at stop
        }, logs);
        using var json = new HttpClient { BaseAddress = http };
        json.DefaultRequestHeaders.Add("x-api-key", Key);
        var refused = 0;
        for (var i = 0; i < 20; i++)
        {
            using var response = await json.GetAsync("/v1/scrubbing/clean-claim-rate", TestContext.Current.CancellationToken);
            refused += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        await app.StopAsync(TestContext.Current.CancellationToken);
        await app.DisposeAsync();

        Assert.True(refused >= 15, $"{refused} refused");
        Assert.DoesNotContain(logs.Lines, l => l.Contains("AccessLogMiddleware", StringComparison.Ordinal) && l.Contains("-> 429", StringComparison.Ordinal));
        var summary = Assert.Single(logs.Lines, l => l.Contains("Rate limit: refused", StringComparison.Ordinal));
        Assert.Contains($"refused {refused} request(s) of standalone to scrubbing", summary);
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413AndNeverReachesTheService()
    {
        var (app, _, http) = await StartGatewayAsync(new()
        {
            ["Gateway:Services:coding"] = $"http://127.0.0.1:{TestPorts.Free()}", // a dead backend: reaching it would be 503
            ["Gateway:MaxRequestBodyBytes"] = "1024",
        });
        await using var _ = app;
        using var json = new HttpClient { BaseAddress = http };
        json.DefaultRequestHeaders.Add("x-api-key", Key);

        using var response = await json.PostAsync("/v1/coding/validate", new StringContent(new string(' ', 2048) + "{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>A body sent without a length (chunked JSON, a gRPC stream) is cut off at the limit: 413 / RESOURCE_EXHAUSTED, never 503.</summary>
    [Fact]
    public async Task ChunkedBodyOverTheLimit_Is413NotUnavailable()
    {
        var (app, grpc, http) = await StartGatewayAsync(new()
        {
            ["Gateway:Services:coding"] = fixture.Platform.Services["coding"].ToString(),
            ["Gateway:MaxRequestBodyBytes"] = "1024",
        });
        await using var _ = app;
        using var json = new HttpClient { BaseAddress = http };
        json.DefaultRequestHeaders.Add("x-api-key", Key);
        var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"documentation\":\"" + new string('x', 64 * 1024) + "\"}")));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/coding/suggest") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        using var response = await json.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var client = new CodingService.CodingServiceClient(GrpcChannel.ForAddress(grpc, new GrpcChannelOptions { MaxSendMessageSize = null }));
        // Within HTTP/2's first flow-control window (already buffered when the limit is set) and well past it.
        foreach (var size in new[] { 64 * 1024, 900 * 1024 })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => client.SuggestCodesAsync(new SuggestCodesRequest { Documentation = new string('x', size) },
                new Metadata { { "x-api-key", Key } }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
            Assert.True(error.StatusCode == StatusCode.ResourceExhausted, $"{size} bytes: {error.Status}");
        }
    }

    [Fact]
    public async Task UploadMethod_TakesBodiesOverTheGeneralLimit()
    {
        var (app, _, http) = await StartGatewayAsync(new()
        {
            ["Gateway:Services:posting"] = $"http://127.0.0.1:{TestPorts.Free()}", // a dead backend: 503 once admitted
            ["Gateway:MaxRequestBodyBytes"] = "1024",
        });
        await using var _ = app;
        using var client = new HttpClient { BaseAddress = http };
        client.DefaultRequestHeaders.Add("x-api-key", Key);

        using var upload = await client.PostAsync("/revenuecycle.posting.v1.PostingService/ImportRemittanceFile", new ByteArrayContent(new byte[2048]), TestContext.Current.CancellationToken);
        using var other = await client.PostAsync("/revenuecycle.posting.v1.PostingService/PostRemittance", new ByteArrayContent(new byte[2048]), TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, other.StatusCode);
    }

    [Fact]
    public async Task UploadMethod_MayTakeLongerThanTheRequestTimeout()
    {
        // A backend that thinks for two seconds before it answers, as posting does after the last byte of a large 835.
        var backendBuilder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        backendBuilder.Logging.ClearProviders();
        backendBuilder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        await using var backend = backendBuilder.Build();
        backend.Run(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted);
            await context.Response.WriteAsync("posted", context.RequestAborted);
        });
        await backend.StartAsync(TestContext.Current.CancellationToken);
        var address = backend.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var (app, _, http) = await StartGatewayAsync(new() { ["Gateway:Services:posting"] = address, ["Gateway:RequestTimeout"] = "00:00:01" });
        await using var _ = app;
        using var client = new HttpClient { BaseAddress = http };
        client.DefaultRequestHeaders.Add("x-api-key", Key);

        using var upload = await client.PostAsync("/revenuecycle.posting.v1.PostingService/ImportRemittanceFile", new ByteArrayContent([1]), TestContext.Current.CancellationToken);
        using var other = await client.PostAsync("/revenuecycle.posting.v1.PostingService/PostRemittance", new ByteArrayContent([1]), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, "posted"), (upload.StatusCode, await upload.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.NotEqual(HttpStatusCode.OK, other.StatusCode);
    }
}
