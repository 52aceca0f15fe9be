using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Events.V1;
using RevenueCycle.Messaging;
using DeadLetterMessage = RevenueCycle.Contracts.Events.V1.DeadLetter;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>
/// Every service's dead letters, for an operator: listed, and replayed through the same dispatcher a delivery takes
/// once the cause is fixed (a handler de-duplicates on the event id, so a replay never doubles an effect).
/// </summary>
public sealed class DeadLetterGrpcService(DeadLetterStore deadLetters, EventDispatcher dispatcher, ServiceIdentity identity) : DeadLetterService.DeadLetterServiceBase
{
    private const int MaxPageSize = 1000;

    public override async Task<ListDeadLettersResponse> ListDeadLetters(ListDeadLettersRequest request, ServerCallContext context)
    {
        identity.RequireNamed(request.Service, "dead letters");
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw new ValidationException("page_size", $"must be between 1 and {MaxPageSize}");
        }

        var response = new ListDeadLettersResponse();
        response.DeadLetters.AddRange((await deadLetters.ListAsync(request.PageSize == 0 ? 100 : request.PageSize, context.CancellationToken)).Select(ToMessage));
        return response;
    }

    public override async Task<DeadLetterMessage> ReplayDeadLetter(ReplayDeadLetterRequest request, ServerCallContext context)
    {
        identity.RequireNamed(request.Service, "dead letters");
        new Validator().RequireText(request.Topic, "topic").RequireText(request.EventId, "event_id").ThrowIfInvalid();
        Messaging.DeadLetter? replayed;
        try
        {
            replayed = await deadLetters.ReplayAsync(request.Topic, request.EventId, d => dispatcher.DispatchAsync(d.Topic, d.Json, context.CancellationToken), context.CancellationToken);
        }
        catch (Exception e) when (e is MalformedEventException or NotFoundException or ValidationException or PreconditionFailedException)
        {
            // The payload or the handler refused it again: it stays, and the operator sees why (these messages name
            // fields, records and causes, never document values). Anything else (Redis, a service it needs being
            // down) goes to the error mapping like any call's: UNAVAILABLE to retry, or an internal error.
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"The {request.Topic} event {request.EventId} was not handled ({e.Message}); it stays a dead letter."));
        }

        return ToMessage(replayed ?? throw new NotFoundException("Dead letter", $"{request.Topic}/{request.EventId}"));
    }

    private static DeadLetterMessage ToMessage(Messaging.DeadLetter d) => new()
    {
        EventId = d.EventId,
        Topic = d.Topic,
        Reason = d.Reason,
        RecordedAt = Timestamp.FromDateTimeOffset(d.RecordedAt),
        Payload = d.Json,
        ReplayedAt = d.ReplayedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };
}
