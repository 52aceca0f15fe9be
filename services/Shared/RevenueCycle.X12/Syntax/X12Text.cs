using System.Text;

namespace RevenueCycle.X12.Syntax;

/// <summary>Writes segments as X12 text with an interchange's delimiters.</summary>
public static class X12Text
{
    /// <summary>One segment without its terminator. Trailing empty elements are dropped, as X12 requires.</summary>
    public static string Format(Segment segment, Delimiters delimiters)
    {
        var builder = new StringBuilder(64);
        Append(builder, segment, delimiters, trimTrailing: segment.Id != "ISA");
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, Segment segment, Delimiters delimiters, bool trimTrailing = true)
    {
        builder.Append(segment.Id);
        var count = segment.Count;
        if (trimTrailing)
        {
            while (count > 0 && IsEmpty(segment.Elements[count - 1]))
            {
                count--;
            }
        }

        for (var i = 0; i < count; i++)
        {
            builder.Append(delimiters.Element);
            var element = segment.Elements[i];
            if (segment.Id == "ISA")
            {
                builder.Append(element);
                continue;
            }

            // Trailing empty components and repetitions are dropped too.
            foreach (var c in TrimEnd(element))
            {
                builder.Append(c switch
                {
                    Segment.ComponentSeparator => delimiters.Component,
                    Segment.RepetitionSeparator => delimiters.Repetition,
                    _ => c,
                });
            }
        }
    }

    /// <summary>The first character of a segment's data that is one of the delimiters, with its element position; null when clean.</summary>
    public static (int Position, char Character)? FindDelimiter(Segment segment, Delimiters delimiters)
    {
        if (segment.Id == "ISA")
        {
            return null;
        }

        for (var i = 0; i < segment.Count; i++)
        {
            foreach (var c in segment.Elements[i])
            {
                if (delimiters.Contains(c))
                {
                    return (i + 1, c);
                }
            }
        }

        return null;
    }

    private static bool IsEmpty(string element) => element.AsSpan().TrimEnd([Segment.ComponentSeparator, Segment.RepetitionSeparator]).IsEmpty;

    private static ReadOnlySpan<char> TrimEnd(string element)
    {
        var span = element.AsSpan();
        if (span.IndexOfAny(Segment.ComponentSeparator, Segment.RepetitionSeparator) < 0)
        {
            return span;
        }

        // "A:B::" -> "A:B"; repetitions keep their own trailing parts trimmed only at the very end.
        return span.TrimEnd([Segment.ComponentSeparator, Segment.RepetitionSeparator]);
    }
}
