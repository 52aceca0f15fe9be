using System.Buffers.Binary;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using RevenueCycle.BuildingBlocks.Errors;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>
/// Answers a request whose body cannot become its protobuf message with INVALID_ARGUMENT naming the field,
/// before the gRPC runtime (which would answer UNKNOWN) or JSON transcoding (which names nothing) sees it.
/// Only single-message requests are buffered and checked; streaming requests pass through.
/// </summary>
public sealed class MalformedRequestMiddleware(RequestDelegate next)
{
    private const int MaxBufferedBytes = 16 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var grpc = endpoint?.Metadata.GetMetadata<GrpcMethodMetadata>();
        if (grpc is null || grpc.Method.Type is not (global::Grpc.Core.MethodType.Unary or global::Grpc.Core.MethodType.ServerStreaming))
        {
            await next(context);
            return;
        }

        var transcoding = endpoint!.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        IReadOnlyList<FieldViolation> violations;
        if (transcoding is not null)
        {
            violations = await CheckJsonAsync(context, transcoding);
            if (violations.Count > 0)
            {
                await WriteJsonErrorAsync(context, violations);
                return;
            }
        }
        else if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true
                 && ContractDescriptors.Find(grpc.Method.FullName) is { } method)
        {
            violations = await CheckBinaryAsync(context, method.InputType);
            if (violations.Count > 0)
            {
                WriteGrpcError(context, violations);
                return;
            }
        }

        await next(context);
    }

    private static async Task<IReadOnlyList<FieldViolation>> CheckJsonAsync(HttpContext context, GrpcJsonTranscodingMetadata transcoding)
    {
        var body = transcoding.HttpRule.Body;
        if (string.IsNullOrEmpty(body) || context.Request.ContentLength == 0)
        {
            return [];
        }

        var bytes = await BufferAsync(context);
        if (bytes.Length == 0)
        {
            return [];
        }

        var descriptor = transcoding.MethodDescriptor.InputType;
        if (body != "*")
        {
            descriptor = descriptor.FindFieldByName(body)?.MessageType ?? descriptor;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return ProtobufJsonValidator.Validate(document.RootElement, descriptor);
        }
        catch (JsonException e)
        {
            return [new FieldViolation("body", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})")];
        }
    }

    private static async Task<IReadOnlyList<FieldViolation>> CheckBinaryAsync(HttpContext context, MessageDescriptor descriptor)
    {
        var bytes = await BufferAsync(context);
        if (bytes.Length < 5)
        {
            return bytes.Length == 0 ? [] : [new FieldViolation("request", "has a truncated gRPC frame header")];
        }

        if (bytes[0] != 0)
        {
            return []; // compressed: the runtime decompresses and parses it
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4));
        if (length != bytes.Length - 5)
        {
            return [new FieldViolation("request", $"gRPC frame says {length} bytes but {bytes.Length - 5} arrived")];
        }

        var violation = ProtobufWireValidator.Validate(bytes.AsSpan(5), descriptor);
        return violation is null ? [] : [violation];
    }

    private static async Task<byte[]> BufferAsync(HttpContext context)
    {
        context.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: MaxBufferedBytes);
        using var copy = new MemoryStream();
        await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
        context.Request.Body.Position = 0;
        return copy.ToArray();
    }

    private static Google.Rpc.Status ToStatus(IReadOnlyList<FieldViolation> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = new ValidationException(violations).Message,
            Details = { Any.Pack(badRequest) },
        };
    }

    private static void WriteGrpcError(HttpContext context, IReadOnlyList<FieldViolation> violations)
    {
        // A trailers-only response: the status travels in the headers of an empty HTTP/2 response.
        var status = ToStatus(violations);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(status.Message);
        context.Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
    }

    private static Task WriteJsonErrorAsync(HttpContext context, IReadOnlyList<FieldViolation> violations)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        var formatter = new JsonFormatter(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromMessages(BadRequest.Descriptor)));
        return context.Response.WriteAsync(formatter.Format(ToStatus(violations)), context.RequestAborted);
    }
}
