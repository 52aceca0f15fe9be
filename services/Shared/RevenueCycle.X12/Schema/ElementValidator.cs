using System.Globalization;
using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Schema;

/// <summary>
/// Checks a segment's elements against the segment dictionary and the guide's line (IK4 codes): required element
/// missing (1), too many elements (3), too short (4) or long (5), invalid character (6), date (8) or time (9),
/// too many repetitions (12) or components (13), and a code the guide does not use (I6). Reads the elements in
/// place; text is copied only into an error.
/// </summary>
public static class ElementValidator
{
    public static void Check(Segment segment, SegmentDefinition? definition, SegmentRule? rule, int position, string loopId, ErrorSink errors)
    {
        if (definition is null)
        {
            return; // an unknown segment is reported as such, not element by element
        }

        var context = new Context(segment, rule, errors, position, loopId);
        if (segment.Count > definition.Elements.Count)
        {
            context.Error("3", $"{segment.Id} has {segment.Count} elements; the standard defines {definition.Elements.Count}.", definition.Elements.Count + 1, 0, 0, "");
        }

        for (var p = 1; p <= definition.Elements.Count; p++)
        {
            var element = definition.Elements[p - 1];
            var value = segment.Span(p);
            if (value.IsEmpty)
            {
                if (element.Mandatory || rule?.Requires(p, 0) == true)
                {
                    context.Error("1", $"required element {segment.Id}{p:D2} is missing.", p, 0, 0, "");
                }

                continue;
            }

            if (value.IndexOf(Segment.RepetitionSeparator) < 0)
            {
                CheckOne(context, element, value, p, 1);
                continue;
            }

            var repetition = 0;
            foreach (var range in value.Split(Segment.RepetitionSeparator))
            {
                repetition++;
                CheckOne(context, element, value[range], p, repetition);
            }

            if (repetition > element.Repeat)
            {
                context.Error("12", $"{segment.Id}{p:D2} repeats {repetition} times; at most {element.Repeat} allowed.", p, 0, 0, "");
            }
        }

        if (rule is not null)
        {
            CheckCodes(context, rule.When);
            CheckCodes(context, rule.Codes);
        }
    }

    private static void CheckOne(Context context, ElementDefinition element, ReadOnlySpan<char> value, int position, int repetition)
    {
        if (!element.IsComposite)
        {
            CheckValue(context, element, value, position, 0, repetition);
            return;
        }

        var count = 0;
        foreach (var range in value.Split(Segment.ComponentSeparator))
        {
            count++;
            if (count > element.Components.Count)
            {
                continue;
            }

            var component = value[range];
            if (component.IsEmpty)
            {
                if (element.Components[count - 1].Mandatory || context.Rule?.Requires(position, count) == true)
                {
                    context.Error("1", $"required component {context.Segment.Id}{position:D2}-{count:D2} is missing.", position, count, repetition, "");
                }

                continue;
            }

            CheckValue(context, element.Components[count - 1], component, position, count, repetition);
        }

        if (count > element.Components.Count && element.Components.Count > 0)
        {
            context.Error("13", $"{context.Segment.Id}{position:D2} has {count} components; the standard defines {element.Components.Count}.", position, element.Components.Count + 1, repetition, "");
        }

        for (var c = count + 1; c <= element.Components.Count; c++)
        {
            if (element.Components[c - 1].Mandatory || context.Rule?.Requires(position, c) == true)
            {
                context.Error("1", $"required component {context.Segment.Id}{position:D2}-{c:D2} is missing.", position, c, repetition, "");
            }
        }
    }

    private static void CheckCodes(Context context, IReadOnlyList<ValueCondition> conditions)
    {
        foreach (var condition in conditions)
        {
            var span = condition.SpanOf(context.Segment);
            if (span.Length > 0 && !condition.Holds(context.Segment))
            {
                var value = span.ToString();
                context.Error("I6",
                    $"{context.Segment.Id}{condition.Position:D2}{(condition.Component > 0 ? $"-{condition.Component:D2}" : "")} holds a code this implementation guide does not use here (expected {string.Join(", ", condition.Values.Order(StringComparer.Ordinal))}).",
                    condition.Position, condition.Component, 0, value);
            }
        }
    }

    private static void CheckValue(Context context, ElementDefinition element, ReadOnlySpan<char> value, int position, int component, int repetition)
    {
        var digits = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c < ' ' || c > '~')
            {
                context.Error("6", $"{Name(context, position, component)} holds a character outside the X12 character set (code {(int)c}).", position, component, repetition, value.ToString());
                return;
            }
        }

        var numeric = element.Type is "R" or "N0" or "N1" or "N2" or "N3" or "N4";
        switch (element.Type)
        {
            case "N0" or "N1" or "N2" or "N3" or "N4" when !IsInteger(value):
                context.Error("6", $"{Name(context, position, component)} must be a whole number (implied decimals).", position, component, repetition, value.ToString());
                return;
            case "R" when !IsDecimal(value):
                context.Error("6", $"{Name(context, position, component)} must be a decimal number.", position, component, repetition, value.ToString());
                return;
            case "DT" when !IsDate(value):
                context.Error("8", $"{Name(context, position, component)} is not a valid date ({(value.Length == 6 ? "YYMMDD" : "CCYYMMDD")}).", position, component, repetition, value.ToString());
                return;
            case "TM" when !IsTime(value):
                context.Error("9", $"{Name(context, position, component)} is not a valid time (HHMM[SS[d..]]).", position, component, repetition, value.ToString());
                return;
        }

        var length = numeric ? digits : value.Length;
        if (length < element.MinLength)
        {
            context.Error("4", $"{Name(context, position, component)} is shorter than {element.MinLength} characters.", position, component, repetition, value.ToString());
        }
        else if (length > element.MaxLength && element.MaxLength > 0)
        {
            context.Error("5", $"{Name(context, position, component)} is longer than {element.MaxLength} characters.", position, component, repetition, value.ToString());
        }
    }

    private static string Name(Context context, int position, int component) =>
        component == 0 ? $"{context.Segment.Id}{position:D2}" : $"{context.Segment.Id}{position:D2}-{component:D2}";

    private static bool IsInteger(ReadOnlySpan<char> value)
    {
        var digits = value.TrimStart('-');
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>X12 decimal (R): an optional minus, digits, at most one decimal point, at least one digit.</summary>
    private static bool IsDecimal(ReadOnlySpan<char> value)
    {
        var digits = 0;
        var point = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.' && !point)
            {
                point = true;
            }
            else if (c != '-' || i != 0)
            {
                return false;
            }
        }

        return digits > 0;
    }

    /// <summary>CCYYMMDD (or YYMMDD): digits making a real calendar date.</summary>
    private static bool IsDate(ReadOnlySpan<char> value)
    {
        if (value.Length is not (6 or 8) || value.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var offset = value.Length - 4;
        var year = value.Length == 8 ? int.Parse(value[..4], CultureInfo.InvariantCulture) : 2000 + int.Parse(value[..2], CultureInfo.InvariantCulture);
        var month = (value[offset] - '0') * 10 + value[offset + 1] - '0';
        var day = (value[offset + 2] - '0') * 10 + value[offset + 3] - '0';
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static bool IsTime(ReadOnlySpan<char> value)
    {
        if (value.Length is not (4 or 6 or 7 or 8) || value.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var hours = (value[0] - '0') * 10 + value[1] - '0';
        var minutes = (value[2] - '0') * 10 + value[3] - '0';
        var seconds = value.Length >= 6 ? (value[4] - '0') * 10 + value[5] - '0' : 0;
        return hours < 24 && minutes < 60 && seconds < 60;
    }

    private readonly record struct Context(Segment Segment, SegmentRule? Rule, ErrorSink Errors, int Position, string LoopId)
    {
        public void Error(string code, string message, int element, int component, int repetition, string value) =>
            Errors.Add(X12ErrorSyntax.Element, code, message, Position, Segment.Id, LoopId, element, component, repetition, value);
    }
}
