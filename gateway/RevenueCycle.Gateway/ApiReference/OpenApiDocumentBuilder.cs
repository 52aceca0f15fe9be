using System.Text.Json.Nodes;
using Google.Api;
using Google.Protobuf.Reflection;
using Microsoft.OpenApi;
using RevenueCycle.Gateway.Middleware;
using RevenueCycle.Gateway.Routing;

namespace RevenueCycle.Gateway.ApiReference;

/// <summary>
/// The OpenAPI 3.1 document of the gateway's JSON routes, generated at start from the compiled protos: each routed
/// service's descriptor, every rpc's <c>google.api.http</c> rule (verb, path, body, response body) and the message
/// descriptors. It describes what gRPC JSON transcoding (Microsoft.AspNetCore.Grpc.JsonTranscoding, as the services
/// configure it) accepts and writes, so it cannot drift from the protos:
/// <list type="bullet">
/// <item>field names are the proto JSON names (<c>payerId</c>); a request may also use the proto name (<c>payer_id</c>);</item>
/// <item>path variables are the annotation's own; every other field of a GET (no body) is a query parameter named by its
/// JSON path, nested messages flattened (<c>dateOfService.year</c>), as the transcoder binds them;</item>
/// <item>enums are written as their value names (a request may send the number); 64-bit integers are written as JSON
/// numbers and read from a number or a decimal string; bytes are base64;</item>
/// <item>well-known types use their proto3 JSON forms (<c>Timestamp</c> an RFC 3339 string, <c>Duration</c> "1.5s",
/// wrappers their value or null, <c>Struct</c> any object); <c>google.type.Date</c> is an object (year, month, day);</item>
/// <item>a <c>google.api.HttpBody</c> reply is raw bytes in the content type the service sets; a server-streaming rpc
/// writes its messages one JSON object after another as they are produced.</item>
/// </list>
/// Client-streaming rpcs have no HTTP rule and are gRPC only.
/// </summary>
public static class OpenApiDocumentBuilder
{
    public const string SecurityScheme = "apiKey";

    /// <summary>
    /// The services the gateway routes (<see cref="GatewayRoutes.Services"/>), resolved to their descriptors, and the
    /// audit trail every one of them answers for (the audit scope) and their dead letters (each service's own scopes).
    /// </summary>
    public static IReadOnlyList<RoutedService> RoutedServices() => GatewayRoutes.Services
        .Select(s => new RoutedService(s.Name, ContractServices.Find(s.ProtoService)))
        .Append(new RoutedService(Security.ApiClient.AuditScope, ContractServices.Find(GatewayRoutes.AuditProtoService)))
        .Append(new RoutedService("dead-letters", ContractServices.Find(GatewayRoutes.DeadLetterProtoService)))
        .ToArray();

    public static OpenApiDocument Build() => Build(RoutedServices());

    public static OpenApiDocument Build(IReadOnlyList<RoutedService> services)
    {
        var comments = ProtoComments.Load(ContractServices.Assembly);
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "RevenueCycle API",
                Version = "v1",
                Description = """
                    The JSON routes of the RevenueCycle gateway, generated from the protos (`protos/revenuecycle/*/v1`): each
                    route is a gRPC method's `google.api.http` annotation, served by gRPC JSON transcoding. Every call needs an
                    API key in the `x-api-key` header (or `Authorization: Bearer`), and the key's scopes name the services it
                    may call. The same methods answer over gRPC on the gateway's h2c port.

                    JSON: fields by their JSON names (a request may also use the proto names); enums as value names; 64-bit
                    integers are written as numbers and read from a number or a decimal string; money is an integer count
                    of US cents in fields ending `Cents`; calendar dates are `{year, month, day}` objects; `Timestamp` is an
                    RFC 3339 string. An error is a `google.rpc.Status` with the gRPC code, a message and details.
                    """,
            },
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [SecurityScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = ApiKeyMiddleware.ApiKeyHeader,
                        Description = "An API key the gateway knows; its scopes name the services it may call.",
                    },
                },
            },
            Paths = [],
            Tags = new HashSet<OpenApiTag>(),
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];

        var schemas = new SchemaRegistry(document, comments);
        foreach (var service in services)
        {
            document.Tags.Add(new OpenApiTag { Name = service.Name, Description = comments.Of(service.ClrType) });
            foreach (var method in service.Descriptor.Methods)
            {
                if (HttpRuleOf(method) is not { } rule)
                {
                    continue;
                }

                foreach (var binding in new[] { rule }.Concat(rule.AdditionalBindings))
                {
                    var (verb, template) = VerbAndPath(binding);
                    var operation = Operation(document, schemas, comments, service, method, binding, template);
                    var path = OpenApiPath(template);
                    if (!document.Paths.TryGetValue(path, out var item))
                    {
                        document.Paths[path] = item = new OpenApiPathItem();
                    }

                    var operations = ((OpenApiPathItem)item).Operations ??= [];
                    operations[verb] = operation;
                }
            }
        }

        return document;
    }

    /// <summary>The document as OpenAPI 3.1 JSON.</summary>
    public static string ToJson(OpenApiDocument document)
    {
        using var text = new StringWriter();
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    public static HttpRule? HttpRuleOf(MethodDescriptor method) => method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);

    public static (HttpMethod Verb, string Template) VerbAndPath(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => (HttpMethod.Get, rule.Get),
        HttpRule.PatternOneofCase.Post => (HttpMethod.Post, rule.Post),
        HttpRule.PatternOneofCase.Put => (HttpMethod.Put, rule.Put),
        HttpRule.PatternOneofCase.Delete => (HttpMethod.Delete, rule.Delete),
        HttpRule.PatternOneofCase.Patch => (HttpMethod.Patch, rule.Patch),
        HttpRule.PatternOneofCase.Custom => (new HttpMethod(rule.Custom.Kind), rule.Custom.Path),
        _ => throw new InvalidOperationException("An HTTP rule without a pattern."),
    };

    /// <summary><c>{name=segments/*}</c> becomes <c>{name}</c>; a custom verb (<c>:run</c>) stays part of the path.</summary>
    public static string OpenApiPath(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{([^}=]+)=[^}]*\}", "{$1}");

    private static OpenApiOperation Operation(
        OpenApiDocument document, SchemaRegistry schemas, ProtoComments comments, RoutedService service, MethodDescriptor method, HttpRule rule, string template)
    {
        var input = method.InputType;
        var pathFields = System.Text.RegularExpressions.Regex.Matches(template, @"\{([^}=]+)(=[^}]*)?\}").Select(m => m.Groups[1].Value).ToArray();
        var operation = new OpenApiOperation
        {
            OperationId = $"{method.Service.Name}_{method.Name}",
            Summary = method.Name,
            Description = comments.Of(service.ClrType, method),
            Tags = new HashSet<OpenApiTagReference> { new(service.Name, document) },
            Parameters = [],
            Extensions = new Dictionary<string, IOpenApiExtension>
            {
                ["x-grpc-method"] = new JsonNodeExtension(JsonValue.Create($"/{method.Service.FullName}/{method.Name}")),
            },
        };

        var bound = new List<FieldDescriptor>();
        foreach (var name in pathFields)
        {
            var fields = Resolve(input, name) ?? throw new InvalidOperationException($"{method.FullName}: no field {name} for the path {template}.");
            bound.Add(fields[^1]);
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Schema = schemas.Parameter(fields[^1]),
                Description = comments.Of(fields[^1]),
            });
        }

        // As the transcoder binds them: no body, or a body of one field, leaves the other fields to the query string.
        FieldDescriptor? bodyField = rule.Body is "" or "*" ? null
            : input.FindFieldByName(rule.Body) ?? throw new InvalidOperationException($"{method.FullName}: no body field {rule.Body}.");
        if (rule.Body != "*")
        {
            if (bodyField is not null)
            {
                bound.Add(bodyField);
            }

            foreach (var (name, field) in QueryParameters(input, bound, []))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Schema = schemas.Parameter(field),
                    Description = comments.Of(field), // a repeated field repeats the parameter (form style, exploded: the default)
                });
            }
        }

        if (rule.Body != "")
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = bodyField is null ? schemas.Content(input) : new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/json"] = new OpenApiMediaType { Schema = schemas.Field(bodyField) },
                },
            };
        }

        var output = method.OutputType;
        var responseField = rule.ResponseBody is "" ? null
            : output.FindFieldByName(rule.ResponseBody) ?? throw new InvalidOperationException($"{method.FullName}: no response field {rule.ResponseBody}.");
        operation.Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = method.IsServerStreaming
                    ? "A stream: one JSON object a message, written as the service produces them."
                    : IsHttpBody(output) ? "The body as the service renders it, in the content type it sets." : "OK",
                Content = responseField is null ? schemas.Content(output) : new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/json"] = new OpenApiMediaType { Schema = schemas.Field(responseField) },
                },
            },
            ["default"] = new OpenApiResponse
            {
                Description = "An error: the gRPC status (code, message, details) with the matching HTTP status.",
                Content = schemas.Content(Google.Rpc.Status.Descriptor),
            },
        };
        if (method.IsServerStreaming)
        {
            operation.Extensions["x-grpc-streaming"] = new JsonNodeExtension(JsonValue.Create("server"));
        }

        return operation;
    }

    /// <summary>The query parameters the transcoder binds: every scalar leaf not bound elsewhere, by its JSON path.</summary>
    private static IEnumerable<(string Name, FieldDescriptor Field)> QueryParameters(MessageDescriptor message, List<FieldDescriptor> bound, List<FieldDescriptor> path)
    {
        foreach (var field in message.Fields.InFieldNumberOrder())
        {
            if (bound.Contains(field))
            {
                continue;
            }

            List<FieldDescriptor> here = [.. path, field];
            if (field.FieldType is not FieldType.Message and not FieldType.Group)
            {
                yield return (string.Join('.', here.Select(f => f.JsonName)), field);
            }
            else if (!field.IsRepeated && !field.IsMap && path.Count < 8) // depth bound: a recursive message would not end
            {
                foreach (var nested in QueryParameters(field.MessageType, bound, here))
                {
                    yield return nested;
                }
            }
        }
    }

    private static List<FieldDescriptor>? Resolve(MessageDescriptor message, string path)
    {
        var fields = new List<FieldDescriptor>();
        MessageDescriptor? current = message;
        foreach (var name in path.Split('.'))
        {
            if (current?.FindFieldByName(name) is not { } field)
            {
                return null;
            }

            fields.Add(field);
            current = field.FieldType == FieldType.Message ? field.MessageType : null;
        }

        return fields;
    }

    internal static bool IsHttpBody(MessageDescriptor message) => message.FullName == HttpBody.Descriptor.FullName;
}
