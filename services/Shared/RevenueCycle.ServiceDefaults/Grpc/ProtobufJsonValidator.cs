using System.Globalization;
using System.Text.Json;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using RevenueCycle.BuildingBlocks.Errors;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>
/// Checks a JSON request body against the protobuf message it will be transcoded into (proto3 JSON mapping),
/// reporting every misplaced value with its proto field path — e.g. <c>coverage.patient_id: expected a string</c> —
/// where JSON transcoding alone answers only "payload is not correctly formatted". Unknown fields are refused:
/// a misspelt field would otherwise be silently dropped.
/// </summary>
public static class ProtobufJsonValidator
{
    public static IReadOnlyList<FieldViolation> Validate(JsonElement root, MessageDescriptor descriptor)
    {
        var violations = new List<FieldViolation>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new FieldViolation("body", "must be a JSON object"));
            return violations;
        }

        CheckMessage(root, descriptor, "", violations);
        return violations;
    }

    private static void CheckMessage(JsonElement element, MessageDescriptor descriptor, string path, List<FieldViolation> violations)
    {
        foreach (var property in element.EnumerateObject())
        {
            var field = descriptor.FindFieldByName(property.Name)
                ?? descriptor.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == property.Name);
            var fieldPath = Join(path, field?.Name ?? property.Name);
            if (field is null)
            {
                violations.Add(new FieldViolation(fieldPath, $"is not a field of {descriptor.Name}"));
                continue;
            }

            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (field.IsMap)
            {
                if (value.ValueKind != JsonValueKind.Object)
                {
                    violations.Add(new FieldViolation(fieldPath, "expected an object"));
                    continue;
                }

                var valueField = field.MessageType.FindFieldByNumber(2);
                foreach (var entry in value.EnumerateObject())
                {
                    CheckValue(entry.Value, valueField, $"{fieldPath}[{entry.Name}]", violations);
                }
            }
            else if (field.IsRepeated)
            {
                if (value.ValueKind != JsonValueKind.Array)
                {
                    violations.Add(new FieldViolation(fieldPath, "expected an array"));
                    continue;
                }

                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckValue(item, field, $"{fieldPath}[{i++}]", violations);
                }
            }
            else
            {
                CheckValue(value, field, fieldPath, violations);
            }
        }
    }

    private static void CheckValue(JsonElement value, FieldDescriptor field, string path, List<FieldViolation> violations)
    {
        var problem = field.FieldType switch
        {
            FieldType.Message => CheckMessageValue(value, field.MessageType, path, violations),
            FieldType.String => value.ValueKind == JsonValueKind.String ? null : "expected a string",
            FieldType.Bytes => value.ValueKind == JsonValueKind.String && IsBase64(value.GetString()!) ? null : "expected base64 text",
            FieldType.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "expected true or false",
            FieldType.Enum => CheckEnum(value, field.EnumType),
            FieldType.Double or FieldType.Float => CheckFloat(value),
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => CheckInteger(value, int.MinValue, int.MaxValue),
            FieldType.UInt32 or FieldType.Fixed32 => CheckInteger(value, 0, uint.MaxValue),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => CheckInteger(value, long.MinValue, long.MaxValue),
            FieldType.UInt64 or FieldType.Fixed64 => CheckUnsigned64(value),
            _ => null,
        };
        if (problem is not null)
        {
            violations.Add(new FieldViolation(path, problem));
        }
    }

    private static string? CheckMessageValue(JsonElement value, MessageDescriptor type, string path, List<FieldViolation> violations)
    {
        switch (type.FullName)
        {
            case "google.protobuf.Timestamp":
                return value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)
                    ? null : "expected an RFC 3339 timestamp such as 2026-01-31T09:30:00Z";
            case "google.protobuf.Duration":
                return value.ValueKind == JsonValueKind.String && value.GetString()!.EndsWith('s') ? null : "expected a duration such as 1.5s";
            case "google.protobuf.Struct" or "google.protobuf.Value" or "google.protobuf.ListValue" or "google.protobuf.Any":
                return null;
        }

        if (type.File == WrappersReflection.Descriptor)
        {
            CheckValue(value, type.FindFieldByNumber(1), path, violations);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return $"expected an object ({type.Name})";
        }

        CheckMessage(value, type, path, violations);
        return null;
    }

    private static string? CheckEnum(JsonElement value, EnumDescriptor type) => value.ValueKind switch
    {
        JsonValueKind.String when type.FindValueByName(value.GetString()!) is not null => null,
        JsonValueKind.Number when value.TryGetInt32(out _) => null,
        _ => $"expected one of {string.Join(", ", type.Values.Select(v => v.Name))}",
    };

    private static string? CheckFloat(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => null,
        JsonValueKind.String when value.GetString() is "NaN" or "Infinity" or "-Infinity" => null,
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _) => null,
        _ => "expected a number",
    };

    private static string? CheckInteger(JsonElement value, decimal min, decimal max)
    {
        decimal? number = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var n) => n,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
        if (number is not { } integer || integer != decimal.Truncate(integer))
        {
            return "expected an integer";
        }

        return integer < min || integer > max ? $"is out of range ({min} to {max})" : null;
    }

    private static string? CheckUnsigned64(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetUInt64(out _) => null,
        JsonValueKind.String when ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out _) => null,
        _ => "expected an unsigned integer",
    };

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Replace('-', '+').Replace('_', '/'), buffer, out _);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
