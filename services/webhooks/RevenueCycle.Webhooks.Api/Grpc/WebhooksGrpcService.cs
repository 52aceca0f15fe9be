using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RevenueCycle.Contracts.Webhooks.V1;
using RevenueCycle.Webhooks.Domain;
using Model = RevenueCycle.Webhooks.Domain;

namespace RevenueCycle.Webhooks.Api.Grpc;

/// <summary>The gRPC (and JSON) face of webhook subscriptions and deliveries.</summary>
public sealed class WebhooksGrpcService(WebhookUseCases webhooks) : WebhooksService.WebhooksServiceBase
{
    public override async Task<CreatedSubscription> CreateSubscription(CreateSubscriptionRequest request, ServerCallContext context)
    {
        var created = await webhooks.CreateSubscriptionAsync(request.IdempotencyKey, request.Name, request.Url, request.Topics, context.CancellationToken);
        return new CreatedSubscription { Subscription = ToProto(created), Secret = created.Secret };
    }

    public override async Task<ListSubscriptionsResponse> ListSubscriptions(ListSubscriptionsRequest request, ServerCallContext context)
    {
        var response = new ListSubscriptionsResponse();
        response.Subscriptions.AddRange((await webhooks.ListSubscriptionsAsync(context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<Subscription> DeleteSubscription(DeleteSubscriptionRequest request, ServerCallContext context) =>
        ToProto(await webhooks.DeleteSubscriptionAsync(request.SubscriptionId, context.CancellationToken));

    public override async Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context)
    {
        Model.DeliveryState? state = request.State switch
        {
            Contracts.Webhooks.V1.DeliveryState.Unspecified => null,
            Contracts.Webhooks.V1.DeliveryState.Pending => Model.DeliveryState.Pending,
            Contracts.Webhooks.V1.DeliveryState.Delivered => Model.DeliveryState.Delivered,
            Contracts.Webhooks.V1.DeliveryState.Dead => Model.DeliveryState.Dead,
            _ => throw new BuildingBlocks.Errors.ValidationException("state", "must be pending, delivered or dead"),
        };
        var response = new ListDeliveriesResponse();
        response.Deliveries.AddRange((await webhooks.ListDeliveriesAsync(request.SubscriptionId, state, request.PageSize, context.CancellationToken)).Select(ToProto));
        return response;
    }

    public override async Task<ReplayDeliveriesResponse> ReplayDeliveries(ReplayDeliveriesRequest request, ServerCallContext context)
    {
        var response = new ReplayDeliveriesResponse();
        response.Replayed.AddRange((await webhooks.ReplayAsync(request.SubscriptionId, request.EventIds, context.CancellationToken)).Select(ToProto));
        return response;
    }

    private static Subscription ToProto(WebhookSubscription s)
    {
        var proto = new Subscription { SubscriptionId = s.Id, Name = s.Name, Url = s.Url, CreatedAt = Timestamp.FromDateTimeOffset(s.CreatedAt), Deleted = s.Deleted };
        proto.Topics.AddRange(s.Topics);
        return proto;
    }

    private static Contracts.Webhooks.V1.Delivery ToProto(WebhookDelivery d) => new()
    {
        EventId = d.EventId,
        SubscriptionId = d.SubscriptionId,
        Topic = d.Topic,
        State = d.State switch
        {
            Model.DeliveryState.Pending => Contracts.Webhooks.V1.DeliveryState.Pending,
            Model.DeliveryState.Delivered => Contracts.Webhooks.V1.DeliveryState.Delivered,
            _ => Contracts.Webhooks.V1.DeliveryState.Dead,
        },
        Attempts = d.Attempts,
        NextAttemptAt = d.State == Model.DeliveryState.Pending ? Timestamp.FromDateTimeOffset(d.NextAttemptAt) : null,
        LastOutcome = d.LastOutcome,
        CreatedAt = Timestamp.FromDateTimeOffset(d.CreatedAt),
        DeliveredAt = d.DeliveredAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };
}
