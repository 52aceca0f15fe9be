using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Microsoft.OpenApi;

namespace RevenueCycle.Gateway.ApiReference;

/// <summary>
/// JSON schemas of proto messages and enums in the proto3 JSON form the transcoder reads and writes; each message and
/// enum once, under <c>components/schemas</c> by its full proto name (<c>revenuecycle.common.v1.Address</c>), so two
/// packages' messages of one name cannot collide. Well-known types are inlined in their JSON forms.
/// </summary>
internal sealed class SchemaRegistry(OpenApiDocument document, ProtoComments comments)
{
    private const string Json = "application/json";

    private static readonly Dictionary<string, Func<OpenApiSchema>> WellKnown = new(StringComparer.Ordinal)
    {
        [Timestamp.Descriptor.FullName] = () => new() { Type = JsonSchemaType.String, Format = "date-time", Description = "RFC 3339, UTC (`2026-01-31T12:00:00Z`)." },
        [Duration.Descriptor.FullName] = () => new() { Type = JsonSchemaType.String, Description = "Seconds with up to nine decimals and an `s` (`1.5s`)." },
        [FieldMask.Descriptor.FullName] = () => new() { Type = JsonSchemaType.String, Description = "Field paths, comma-separated." },
        [Struct.Descriptor.FullName] = () => new() { Type = JsonSchemaType.Object, AdditionalPropertiesAllowed = true },
        [Value.Descriptor.FullName] = () => new() { Description = "Any JSON value." },
        [ListValue.Descriptor.FullName] = () => new() { Type = JsonSchemaType.Array, Items = new OpenApiSchema() },
        [Empty.Descriptor.FullName] = () => new() { Type = JsonSchemaType.Object },
        [Any.Descriptor.FullName] = () => new()
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema> { ["@type"] = new OpenApiSchema { Type = JsonSchemaType.String } },
            AdditionalPropertiesAllowed = true,
            Description = "A message of the type `@type` names, its fields beside `@type`.",
        },
        [DoubleValue.Descriptor.FullName] = () => Nullable(JsonSchemaType.Number, "double"),
        [FloatValue.Descriptor.FullName] = () => Nullable(JsonSchemaType.Number, "float"),
        [Int64Value.Descriptor.FullName] = () => Nullable(JsonSchemaType.Integer, "int64"),
        [UInt64Value.Descriptor.FullName] = () => Nullable(JsonSchemaType.Integer, "uint64"),
        [Int32Value.Descriptor.FullName] = () => Nullable(JsonSchemaType.Integer, "int32"),
        [UInt32Value.Descriptor.FullName] = () => Nullable(JsonSchemaType.Integer, "uint32"),
        [BoolValue.Descriptor.FullName] = () => Nullable(JsonSchemaType.Boolean, null),
        [StringValue.Descriptor.FullName] = () => Nullable(JsonSchemaType.String, null),
        [BytesValue.Descriptor.FullName] = () => Nullable(JsonSchemaType.String, "byte"),
    };

    /// <summary>The media types of a request or reply message: JSON, or raw bytes for <c>google.api.HttpBody</c>.</summary>
    public Dictionary<string, IOpenApiMediaType> Content(MessageDescriptor message) => OpenApiDocumentBuilder.IsHttpBody(message)
        ? new() { ["*/*"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } } }
        : new() { [Json] = new OpenApiMediaType { Schema = Message(message) } };

    public IOpenApiSchema Field(FieldDescriptor field)
    {
        if (field.IsMap)
        {
            return new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = Single(field.MessageType.FindFieldByNumber(2)),
                Description = comments.Of(field),
            };
        }

        var single = Single(field);
        return field.IsRepeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = single } : single;
    }

    /// <summary>A parameter's schema: the field's, its comment left to the parameter.</summary>
    public IOpenApiSchema Parameter(FieldDescriptor field)
    {
        var schema = Field(field);
        switch (schema)
        {
            case OpenApiSchemaReference reference:
                reference.Description = null;
                break;
            case OpenApiSchema inline:
                inline.Description = null;
                break;
        }

        return schema;
    }

    public IOpenApiSchema Message(MessageDescriptor message)
    {
        if (WellKnown.TryGetValue(message.FullName, out var wellKnown))
        {
            return wellKnown();
        }

        var name = message.FullName;
        if (document.Components!.Schemas!.ContainsKey(name))
        {
            return new OpenApiSchemaReference(name, document);
        }

        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Title = message.Name,
            Description = Describe(comments.Of(message), message.RealOneofCount == 0 ? null : string.Join("\n", message.Oneofs
                .Where(o => !o.IsSynthetic)
                .Select(o => $"At most one of {string.Join(", ", o.Fields.Select(f => $"`{f.JsonName}`"))}."))),
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
        };
        document.Components.Schemas[name] = schema; // before the fields: a message may contain itself
        foreach (var field in message.Fields.InFieldNumberOrder())
        {
            schema.Properties[field.JsonName] = Field(field);
        }

        return new OpenApiSchemaReference(name, document);
    }

    private IOpenApiSchema Single(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => Described(Message(field.MessageType), field),
        FieldType.Enum => Described(Enum(field.EnumType), field),
        _ => Scalar(field),
    };

    private OpenApiSchema Scalar(FieldDescriptor field)
    {
        var (type, format) = field.FieldType switch
        {
            FieldType.Double => (JsonSchemaType.Number, "double"),
            FieldType.Float => (JsonSchemaType.Number, "float"),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => (JsonSchemaType.Integer, "int64"),
            FieldType.UInt64 or FieldType.Fixed64 => (JsonSchemaType.Integer, "uint64"),
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (JsonSchemaType.Integer, "int32"),
            FieldType.UInt32 or FieldType.Fixed32 => (JsonSchemaType.Integer, "uint32"),
            FieldType.Bool => (JsonSchemaType.Boolean, (string?)null),
            FieldType.String => (JsonSchemaType.String, null),
            FieldType.Bytes => (JsonSchemaType.String, "byte"),
            _ => throw new InvalidOperationException($"No JSON form for {field.FieldType}."),
        };
        return new OpenApiSchema { Type = type, Format = format, Description = comments.Of(field) };
    }

    private IOpenApiSchema Enum(EnumDescriptor enumeration)
    {
        if (enumeration.FullName == "google.protobuf.NullValue")
        {
            return new OpenApiSchema { Type = JsonSchemaType.Null };
        }

        var name = enumeration.FullName;
        if (!document.Components!.Schemas!.ContainsKey(name))
        {
            var values = comments.ValuesOf(enumeration).Select(v => $"- `{v.Name}`: {v.Comment.Replace('\n', ' ')}").ToArray();
            document.Components.Schemas[name] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Title = enumeration.Name,
                Enum = enumeration.Values.Select(v => (JsonNode)JsonValue.Create(v.Name)).ToList(),
                Description = Describe(comments.Of(enumeration), values.Length == 0 ? null : string.Join("\n", values)),
            };
        }

        return new OpenApiSchemaReference(name, document);
    }

    /// <summary>A field's own comment beside the reference to its type's schema (OpenAPI 3.1 allows it).</summary>
    private IOpenApiSchema Described(IOpenApiSchema schema, FieldDescriptor field)
    {
        var description = comments.Of(field);
        switch (schema)
        {
            case OpenApiSchemaReference reference when description is not null:
                reference.Description = description;
                break;
            case OpenApiSchema inline when description is not null:
                inline.Description = Describe(description, inline.Description);
                break;
        }

        return schema;
    }

    private static OpenApiSchema Nullable(JsonSchemaType type, string? format) => new() { Type = type | JsonSchemaType.Null, Format = format };

    private static string? Describe(string? first, string? second) => (first, second) switch
    {
        (null, _) => second,
        (_, null) => first,
        _ => $"{first}\n\n{second}",
    };
}
