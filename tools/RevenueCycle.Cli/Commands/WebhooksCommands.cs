using RevenueCycle.Contracts.Webhooks.V1;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm webhooks ...</c>: internal apps' subscriptions to events and their deliveries (JSON out).</summary>
public static class WebhooksCommands
{
    public static async Task<int> SubscribeAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var url = arguments.Required("--url");
        var request = new CreateSubscriptionRequest
        {
            Url = url,
            Name = arguments.Option("--name") ?? new Uri(url).Host,
            // The same command again is the same subscription: the key follows what is asked.
            IdempotencyKey = arguments.Option("--key") ?? $"rcm-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(url + "|" + string.Join(",", arguments.Options("--topic")))))[..32]}",
        };
        request.Topics.AddRange(arguments.Options("--topic"));
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Webhooks.CreateSubscriptionAsync(request, GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> ListAsync(GatewayClient client, TextWriter output)
    {
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Webhooks.ListSubscriptionsAsync(new ListSubscriptionsRequest(), GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> DeliveriesAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ListDeliveriesRequest
        {
            SubscriptionId = arguments.Positional(2, "SUBSCRIPTION"),
            State = arguments.Option("--state") switch
            {
                null => DeliveryState.Unspecified,
                "pending" => DeliveryState.Pending,
                "delivered" => DeliveryState.Delivered,
                "dead" => DeliveryState.Dead,
                var other => throw new UsageException($"--state is pending, delivered or dead, not '{other}'"),
            },
            PageSize = arguments.Option("--max") is { } max ? int.Parse(max, System.Globalization.CultureInfo.InvariantCulture) : 0,
        };
        await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(await client.Webhooks.ListDeliveriesAsync(request, GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> ReplayAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ReplayDeliveriesRequest { SubscriptionId = arguments.Positional(2, "SUBSCRIPTION") };
        request.EventIds.AddRange(arguments.Options("--event"));
        await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(await client.Webhooks.ReplayDeliveriesAsync(request, GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> DeleteAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new DeleteSubscriptionRequest { SubscriptionId = arguments.Positional(2, "SUBSCRIPTION") };
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Webhooks.DeleteSubscriptionAsync(request, GatewayClient.Deadline())));
        return 0;
    }
}
