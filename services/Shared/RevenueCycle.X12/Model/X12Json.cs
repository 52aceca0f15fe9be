using System.Text.Json;
using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Model;

/// <summary>A document as JSON: envelopes, then each transaction's loops with their segments; elements by X12 name (NM101 ...).</summary>
public static class X12Json
{
    public static void Write(X12Document document, Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteBoolean("valid", document.IsValid);
        json.WriteStartArray("interchanges");
        foreach (var interchange in document.Interchanges)
        {
            json.WriteStartObject();
            json.WriteString("controlNumber", interchange.ControlNumber);
            json.WriteString("sender", interchange.SenderId);
            json.WriteString("receiver", interchange.ReceiverId);
            json.WriteString("date", interchange.Isa[9]);
            json.WriteString("usage", interchange.Isa[15]);
            json.WriteStartArray("groups");
            foreach (var group in interchange.Groups)
            {
                json.WriteStartObject();
                json.WriteString("functionalId", group.FunctionalId);
                json.WriteString("controlNumber", group.ControlNumber);
                json.WriteString("version", group.Gs[8]);
                json.WriteStartArray("transactions");
                foreach (var transaction in group.Transactions)
                {
                    json.WriteStartObject();
                    json.WriteString("type", transaction.Type);
                    json.WriteString("controlNumber", transaction.ControlNumber);
                    json.WriteString("guide", transaction.Spec?.Version ?? "");
                    json.WriteNumber("segments", transaction.SegmentCount);
                    WriteLoop(transaction.Root, json);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteErrors(document.Errors, json);
        json.WriteStartArray("warnings");
        foreach (var warning in document.Warnings)
        {
            json.WriteStringValue(warning);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// The errors as JSON for someone looking at their own file (<c>rcm x12 parse</c>): <c>segment</c> is the id as read,
    /// stray text included, so this is not for anything stored, logged or sent on (use <see cref="X12Error.ToString"/>).
    /// </summary>
    public static void WriteErrors(IReadOnlyList<X12Error> errors, Utf8JsonWriter json)
    {
        json.WriteStartArray("errors");
        foreach (var error in errors)
        {
            json.WriteStartObject();
            json.WriteString("code", $"{error.Syntax switch { X12ErrorSyntax.Interchange => "TA1", X12ErrorSyntax.Group => "AK9", X12ErrorSyntax.Transaction => "IK5", X12ErrorSyntax.Segment => "IK3", _ => "IK4" }} {error.Code}");
            json.WriteString("message", error.Message);
            json.WriteString("interchange", error.InterchangeControlNumber);
            json.WriteString("group", error.GroupControlNumber);
            json.WriteString("transaction", error.TransactionControlNumber);
            json.WriteNumber("segmentPosition", error.SegmentPosition);
            json.WriteString("segment", error.SegmentId);
            json.WriteString("loop", error.LoopId);
            json.WriteNumber("element", error.ElementPosition);
            json.WriteNumber("component", error.ComponentPosition);
            json.WriteNumber("fileSegment", error.SegmentNumber);
            json.WriteNumber("byteOffset", error.ByteOffset);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteLoop(X12Loop loop, Utf8JsonWriter json)
    {
        if (loop.Id.Length > 0)
        {
            json.WriteString("loop", loop.Id);
            json.WriteString("name", loop.Name);
        }

        json.WriteStartArray("items");
        foreach (var item in loop.Items)
        {
            json.WriteStartObject();
            if (item.Segment is { } segment)
            {
                WriteSegment(segment, json);
            }
            else
            {
                WriteLoop(item.Loop!, json);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteSegment(Segment segment, Utf8JsonWriter json)
    {
        json.WriteString("segment", segment.Id);
        for (var i = 1; i <= segment.Count; i++)
        {
            var value = segment[i];
            if (value.Length == 0)
            {
                continue;
            }

            var name = $"{segment.Id}{i:D2}";
            if (value.Contains(Segment.RepetitionSeparator))
            {
                json.WriteStartArray(name);
                foreach (var repetition in segment.Repetitions(i))
                {
                    WriteValue(repetition, json, null);
                }

                json.WriteEndArray();
            }
            else
            {
                WriteValue(value, json, name);
            }
        }
    }

    private static void WriteValue(string value, Utf8JsonWriter json, string? name)
    {
        if (!value.Contains(Segment.ComponentSeparator))
        {
            if (name is null)
            {
                json.WriteStringValue(value);
            }
            else
            {
                json.WriteString(name, value);
            }

            return;
        }

        if (name is null)
        {
            json.WriteStartArray();
        }
        else
        {
            json.WriteStartArray(name);
        }

        foreach (var component in value.Split(Segment.ComponentSeparator))
        {
            json.WriteStringValue(component);
        }

        json.WriteEndArray();
    }
}
