using Dapr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RevenueCycle.BuildingBlocks;

namespace RevenueCycle.Messaging;

/// <summary>
/// The Dapr side of the subscriptions: <c>GET /dapr/subscribe</c> lists one route per topic (with a dead-letter
/// topic, {service}.{topic}.deadletter), and each route hands the CloudEvent's data to the <see cref="EventDispatcher"/>.
/// Answers follow Dapr's contract: SUCCESS, RETRY (500, redelivered then dead-lettered) or DROP (malformed).
/// </summary>
public static partial class EventSubscriptionEndpoints
{
    public static string Route(string topic) => $"/events/{topic}";

    public static string DeadLetterTopic(string service, string topic) => $"{service}.{topic}.deadletter";

    /// <summary>Header daprd sends when the sidecar has an app token (annotation <c>dapr.io/app-token-secret</c>).</summary>
    public const string DaprApiTokenHeader = "dapr-api-token";

    public static IEndpointRouteBuilder MapEventSubscriptions(this WebApplication app)
    {
        var dispatcher = app.Services.GetRequiredService<EventDispatcher>();
        var options = app.Services.GetRequiredService<MessagingOptions>();
        var service = app.Services.GetRequiredService<ServiceIdentity>().Name;
        var appToken = app.Configuration["APP_API_TOKEN"];

        app.UseCloudEvents();
        app.MapSubscribeHandler();
        var events = app.MapGroup("").AddEndpointFilter(async (context, next) =>
            RequireAppToken(context.HttpContext, appToken) ? await next(context) : Results.Unauthorized());
        foreach (var subscription in dispatcher.Subscriptions)
        {
            var topic = subscription.Topic;
            var deadLetterTopic = DeadLetterTopic(service, topic);
            events.MapPost(Route(topic), (HttpContext http, EventDispatcher dispatcher, DeadLetterStore deadLetters, ILoggerFactory logs) =>
                    DeliverAsync(http, topic, dispatcher, deadLetters, logs.CreateLogger("RevenueCycle.Events")))
                .WithTopic(new TopicOptions { PubsubName = options.PubSubName, Name = topic, DeadLetterTopic = deadLetterTopic });

            events.MapPost(Route(deadLetterTopic), async (HttpContext http, DeadLetterStore deadLetters) =>
                {
                    var json = await ReadBodyAsync(http);
                    await deadLetters.RecordAsync(topic, json, "delivery failed after retries", http.RequestAborted);
                    return Results.Json(new { status = "SUCCESS" });
                })
                .WithTopic(new TopicOptions { PubsubName = options.PubSubName, Name = deadLetterTopic });
        }

        return app;
    }

    /// <summary>
    /// With <c>APP_API_TOKEN</c> set (the chart sets it from the sidecar's app-token secret), only a caller that
    /// presents it — daprd — may deliver events; another pod cannot forge a claim-adjudicated. Constant-time compare.
    /// </summary>
    private static bool RequireAppToken(HttpContext http, string? appToken)
    {
        if (string.IsNullOrEmpty(appToken))
        {
            return true;
        }

        var presented = System.Text.Encoding.UTF8.GetBytes(http.Request.Headers[DaprApiTokenHeader].ToString());
        var expected = System.Text.Encoding.UTF8.GetBytes(appToken);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    private static async Task<IResult> DeliverAsync(HttpContext http, string topic, EventDispatcher events, DeadLetterStore deadLetters, ILogger logger)
    {
        var json = await ReadBodyAsync(http);
        try
        {
            await events.DispatchAsync(topic, json, http.RequestAborted);
            return Results.Json(new { status = "SUCCESS" });
        }
        catch (MalformedEventException e)
        {
            await deadLetters.RecordAsync(topic, json, e.Message, http.RequestAborted);
            LogDropped(logger, topic, e.Message);
            return Results.Json(new { status = "DROP" });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRetry(logger, topic, e.GetType().Name);
            return Results.Json(new { status = "RETRY" }, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static async Task<string> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        return await reader.ReadToEndAsync(http.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a malformed {Topic} event to the dead-letter store: {Reason}")]
    private static partial void LogDropped(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Topic} event handler failed ({Error}); asking Dapr to retry")]
    private static partial void LogRetry(ILogger logger, string topic, string error);
}
