using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using RevenueCycle.BuildingBlocks.Errors;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>
/// Walks a binary protobuf message against its descriptor and names the first field that cannot be read
/// (wrong wire type, truncated, invalid UTF-8), so a malformed request gets INVALID_ARGUMENT with the field's
/// path instead of the runtime's anonymous parse failure. Unknown field numbers are skipped, as proto3 allows.
/// </summary>
public static class ProtobufWireValidator
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static FieldViolation? Validate(ReadOnlySpan<byte> message, MessageDescriptor descriptor) =>
        Walk(message.ToArray(), descriptor, "", depth: 0);

    private static FieldViolation? Walk(byte[] data, MessageDescriptor descriptor, string path, int depth)
    {
        if (depth > 64)
        {
            return new FieldViolation(Or(path), "nests too deeply");
        }

        var input = new CodedInputStream(data);
        var counts = new Dictionary<int, int>();
        var current = Or(path);
        try
        {
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var field = descriptor.FindFieldByNumber(WireFormat.GetTagFieldNumber(tag));
                if (field is null)
                {
                    current = Or(path);
                    if (SkipUnknown(input, tag, depth) is { } problem)
                    {
                        return new FieldViolation(current, $"field {WireFormat.GetTagFieldNumber(tag)} (unknown) {problem}");
                    }

                    continue;
                }

                var index = counts.TryGetValue(field.FieldNumber, out var n) ? n : 0;
                counts[field.FieldNumber] = index + 1;
                current = Join(path, field.IsRepeated && !field.IsMap ? $"{field.Name}[{index}]" : field.Name);

                var wireType = WireFormat.GetTagWireType(tag);
                var expected = ExpectedWireType(field.FieldType);
                var packed = field.IsRepeated && wireType == WireFormat.WireType.LengthDelimited && IsPackable(field.FieldType);
                if (wireType != expected && !packed)
                {
                    return new FieldViolation(current, $"has protobuf wire type {wireType}, expected {expected} for a {field.FieldType} field");
                }

                switch (field.FieldType)
                {
                    case FieldType.Message when !packed:
                        var nested = Walk(input.ReadBytes().ToByteArray(), field.MessageType, current, depth + 1);
                        if (nested is not null)
                        {
                            return nested;
                        }

                        break;
                    case FieldType.String when !packed:
                        try
                        {
                            _ = StrictUtf8.GetString(input.ReadBytes().Span);
                        }
                        catch (DecoderFallbackException)
                        {
                            return new FieldViolation(current, "is not valid UTF-8");
                        }

                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            return new FieldViolation(current, FirstSentence(e.Message));
        }

        return null;
    }

    /// <summary>
    /// Skips an unknown field as the runtime's unknown-field parser reads it, and says why it cannot be read.
    /// <c>SkipLastField</c> alone passes wire types 6 and 7 and stray end-group tags that the runtime refuses.
    /// </summary>
    private static string? SkipUnknown(CodedInputStream input, uint tag, int depth)
    {
        switch (WireFormat.GetTagWireType(tag))
        {
            case WireFormat.WireType.Varint or WireFormat.WireType.Fixed64 or WireFormat.WireType.LengthDelimited or WireFormat.WireType.Fixed32:
                input.SkipLastField();
                return null;
            case WireFormat.WireType.StartGroup:
                if (depth > 64)
                {
                    return "nests too deeply";
                }

                uint inner;
                while ((inner = input.ReadTag()) != 0)
                {
                    if (WireFormat.GetTagWireType(inner) == WireFormat.WireType.EndGroup)
                    {
                        return WireFormat.GetTagFieldNumber(inner) == WireFormat.GetTagFieldNumber(tag) ? null : "ends a group with another field's end tag";
                    }

                    if (SkipUnknown(input, inner, depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return "starts a group it does not end";
            case WireFormat.WireType.EndGroup:
                return "ends a group it did not start";
            default:
                return $"has the invalid wire type {(int)WireFormat.GetTagWireType(tag)}";
        }
    }

    private static WireFormat.WireType ExpectedWireType(FieldType type) => type switch
    {
        FieldType.Double or FieldType.Fixed64 or FieldType.SFixed64 => WireFormat.WireType.Fixed64,
        FieldType.Float or FieldType.Fixed32 or FieldType.SFixed32 => WireFormat.WireType.Fixed32,
        FieldType.String or FieldType.Bytes or FieldType.Message => WireFormat.WireType.LengthDelimited,
        FieldType.Group => WireFormat.WireType.StartGroup,
        _ => WireFormat.WireType.Varint,
    };

    private static bool IsPackable(FieldType type) => type is not (FieldType.String or FieldType.Bytes or FieldType.Message or FieldType.Group);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Or(string path) => path.Length == 0 ? "request" : path;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
