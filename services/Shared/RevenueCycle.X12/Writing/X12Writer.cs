using System.Globalization;
using System.Text;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Writing;

/// <summary>A segment whose data holds one of the interchange's delimiters: writing it would change its meaning.</summary>
public sealed class X12WriteException(string segmentId, int element, char delimiter)
    : Exception($"{segmentId}{element:D2} holds '{delimiter}', a delimiter of the interchange: it cannot be written.")
{
    public string SegmentId { get; } = segmentId;

    public int Element { get; } = element;
}

/// <summary>Writes interchanges as X12 text: the ISA as stored, every other segment with the interchange's delimiters.</summary>
public static class X12Writer
{
    public static string Write(X12Document document, bool lineBreaks = true)
    {
        var builder = new StringBuilder();
        foreach (var interchange in document.Interchanges)
        {
            Write(interchange, builder, lineBreaks);
        }

        return builder.ToString();
    }

    public static string Write(X12Interchange interchange, bool lineBreaks = true)
    {
        var builder = new StringBuilder();
        Write(interchange, builder, lineBreaks);
        return builder.ToString();
    }

    public static void Write(X12Interchange interchange, StringBuilder builder, bool lineBreaks)
    {
        var delimiters = interchange.Delimiters;
        var output = new SegmentOutput(builder, delimiters, lineBreaks);
        output.Write(interchange.Isa);
        foreach (var group in interchange.Groups)
        {
            output.Write(group.Gs);
            foreach (var transaction in group.Transactions)
            {
                foreach (var segment in transaction.Root.Flatten())
                {
                    output.Write(segment);
                }
            }

            if (group.Ge is not null)
            {
                output.Write(group.Ge);
            }
        }

        if (interchange.Iea is not null)
        {
            output.Write(interchange.Iea);
        }
    }

    /// <summary>The ISA for an interchange: fixed width, padded as the standard requires.</summary>
    public static Segment Isa(string senderQualifier, string senderId, string receiverQualifier, string receiverId, DateTimeOffset at, int controlNumber, bool production, Delimiters delimiters, bool acknowledgmentRequested = false) =>
        new("ISA",
            "00", "          ", "00", "          ",
            senderQualifier.PadRight(2)[..2], senderId.PadRight(15)[..15], receiverQualifier.PadRight(2)[..2], receiverId.PadRight(15)[..15],
            at.ToString("yyMMdd", CultureInfo.InvariantCulture), at.ToString("HHmm", CultureInfo.InvariantCulture),
            delimiters.Repetition.ToString(), "00501", controlNumber.ToString("D9", CultureInfo.InvariantCulture),
            acknowledgmentRequested ? "1" : "0", production ? "P" : "T", delimiters.Component.ToString());

    private sealed class SegmentOutput(StringBuilder builder, Delimiters delimiters, bool lineBreaks)
    {
        public void Write(Segment segment)
        {
            if (segment.Id == "ISA")
            {
                builder.Append("ISA");
                foreach (var element in segment.Elements)
                {
                    builder.Append(delimiters.Element).Append(element);
                }
            }
            else
            {
                if (X12Text.FindDelimiter(segment, delimiters) is { } bad)
                {
                    throw new X12WriteException(segment.Id, bad.Position, bad.Character);
                }

                X12Text.Append(builder, segment, delimiters);
            }

            builder.Append(delimiters.Segment);
            if (lineBreaks && delimiters.Segment != '\n')
            {
                builder.Append('\n');
            }
        }
    }
}
