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
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.Gateway.Extensions;
using RevenueCycle.Gateway.Security;
using RevenueCycle.Testing;

namespace RevenueCycle.Gateway.Tests.Middleware;

/// <summary>A gateway of its own, configured per test: backends that are down, rate and body limits.</summary>
public sealed class StandaloneGatewayTests(PlatformFixture fixture)
{
    private const string Key = "standalone-key";

    private static async Task<(WebApplication App, Uri Grpc, Uri Http)> StartGatewayAsync(Dictionary<string, string?> settings)
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
