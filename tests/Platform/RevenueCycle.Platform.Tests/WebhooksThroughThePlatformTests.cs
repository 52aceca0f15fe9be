using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.Testing;
using RevenueCycle.Webhooks.Domain;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// An internal app subscribes with rcm, a demo batch runs, and the app — a real HTTP endpoint that checks every
/// delivery the way the Standard Webhooks libraries do — receives the cycle's events, signed and fresh. While it is
/// down its deliveries are retried and dead-lettered; a replay brings them, under the same ids.
/// </summary>
public sealed class WebhooksThroughThePlatformTests
{
    private const string Key = "webhooks-test-key";

    [Fact]
    public async Task AnInternalApp_GetsTheCyclesEventsSigned_AndWhatItMissedByReplay()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var platform = await PlatformHost.StartAsync(
            new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero },
            new Dictionary<string, string?> { ["Webhooks:RetrySchedule:0"] = "00:00:00.200", ["Webhooks:RetrySchedule:1"] = "00:00:00.200", ["Webhooks:PollInterval"] = "00:00:00.100" },
            cancellationToken: ct);
        await using var app = await InternalApp.StartAsync(ct);
        async Task<(int Exit, string Output, string Error)> Rcm(params string[] args)
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error);
            return (exit, output.ToString(), error.ToString());
        }

        var subscribed = await Rcm("webhooks", "subscribe", "--url", app.Url, "--name", "denials-app", "--topic", "claim-submitted", "--topic", "claim-denied");
        Assert.True(subscribed.Exit == 0, subscribed.Error);
        using var created = JsonDocument.Parse(subscribed.Output);
        app.Secret = created.RootElement.GetProperty("secret").GetString()!;
        var subscription = created.RootElement.GetProperty("subscription").GetProperty("subscriptionId").GetString()!;
        Assert.Contains("is not a topic", (await Rcm("webhooks", "subscribe", "--url", app.Url, "--topic", "claim-paid")).Error, StringComparison.Ordinal);

        Assert.Equal(0, (await Rcm("demo", "--encounters", "8", "--seed", "21")).Exit);
        await Eventually.MatchAsync(() => Task.FromResult(app.Taken.Values.Any(t => t == "claim-denied")), done => done, TimeSpan.FromSeconds(30));

        Assert.Empty(app.Refused);
        Assert.Contains(app.Taken.Values, t => t == "claim-submitted");
        Assert.DoesNotContain(app.Taken.Values, t => t is not ("claim-submitted" or "claim-denied")); // only what it subscribed to

        // The app goes down: the next batch's deliveries are retried, then dead-lettered.
        app.Down = true;
        var before = app.Taken.Count;
        Assert.Equal(0, (await Rcm("demo", "--encounters", "3", "--seed", "22")).Exit);
        await Eventually.MatchAsync(async () => (await Rcm("webhooks", "deliveries", subscription, "--state", "dead")).Output.Contains("HTTP 503", StringComparison.Ordinal), done => done, TimeSpan.FromSeconds(30));
        await Eventually.MatchAsync(async () => (await Rcm("webhooks", "deliveries", subscription, "--state", "pending")).Output.Contains("eventId", StringComparison.Ordinal), pending => !pending, TimeSpan.FromSeconds(30));
        Assert.Equal(before, app.Taken.Count);

        app.Down = false;
        var replay = await Rcm("webhooks", "replay", subscription);
        Assert.True(replay.Exit == 0, replay.Error);
        var replayed = JsonDocument.Parse(replay.Output).RootElement.GetProperty("replayed").EnumerateArray().Select(d => d.GetProperty("eventId").GetString()!).ToList();
        Assert.NotEmpty(replayed);
        await Eventually.MatchAsync(() => Task.FromResult(replayed.All(app.Taken.ContainsKey)), done => done, TimeSpan.FromSeconds(30));
        Assert.Empty(app.Refused);
    }

    /// <summary>An internal app's endpoint: verifies each delivery, keeps it once by its id, or answers 503 while down.</summary>
    private sealed class InternalApp : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private InternalApp(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public string Secret { get; set; } = "";

        public bool Down { get; set; }

        public ConcurrentDictionary<string, string> Taken { get; } = new();

        public ConcurrentQueue<string> Refused { get; } = new();

        public static async Task<InternalApp> StartAsync(CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new InternalApp(app);
            app.MapPost("/events", async (HttpRequest request) =>
            {
                if (receiver.Down)
                {
                    return Results.StatusCode(503);
                }

                var body = await new StreamReader(request.Body).ReadToEndAsync();
                var refusal = WebhookSignature.Verify(receiver.Secret, request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], body, DateTimeOffset.UtcNow);
                if (refusal is not null)
                {
                    receiver.Refused.Enqueue(refusal.Reason);
                    return Results.BadRequest();
                }

                receiver.Taken.TryAdd(request.Headers["webhook-id"]!, JsonDocument.Parse(body).RootElement.GetProperty("type").GetString()!);
                return Results.NoContent();
            });
            await app.StartAsync(cancellationToken);
            receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/events";
            return receiver;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
