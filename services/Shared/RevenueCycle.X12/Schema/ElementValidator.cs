using System.Globalization;
using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Schema;

/// <summary>
/// Checks a segment's elements against the segment dictionary and the guide's line (IK4 codes): required element
/// missing (1), too many elements (3), too short (4) or long (5), invalid character (6), date (8) or time (9),
/// too many repetitions (12) or components (13), and a code the guide does not use (I6).
/// </summary>
public static class ElementValidator
{
    public static void Check(Segment segment, SegmentDefinition? definition, SegmentRule? rule, int position, string loopId, ErrorSink errors)
    {
        if (definition is null)
        {
            return; // an unknown segment is reported as such, not element by element
        }

        void Error(string code, string message, int element, int component = 0, int repetition = 0, string value = "") =>
            errors.Add(X12ErrorSyntax.Element, code, message, position, segment.Id, loopId, element, component, repetition, value);

        if (segment.Count > definition.Elements.Count)
        {
            Error("3", $"{segment.Id} has {segment.Count} elements; the standard defines {definition.Elements.Count}.", definition.Elements.Count + 1);
        }

        var required = rule?.Required ?? [];
        for (var p = 1; p <= Math.Min(segment.Count, definition.Elements.Count); p++)
        {
            var element = definition.Elements[p - 1];
            var value = segment[p];
            var name = $"{segment.Id}{p:D2}";
            var guideRequired = required.Any(r => r.Position == p && r.Component == 0);
            if (value.Length == 0)
            {
                if (element.Mandatory || guideRequired)
                {
                    Error("1", $"required element {name} is missing.", p);
                }

                continue;
            }

            var repetitions = value.Split(Segment.RepetitionSeparator);
            if (repetitions.Length > element.Repeat)
            {
                Error("12", $"{name} repeats {repetitions.Length} times; at most {element.Repeat} allowed.", p);
            }

            for (var r = 0; r < repetitions.Length; r++)
            {
                if (element.IsComposite)
                {
                    CheckComposite(segment, element, repetitions[r], p, r + 1, required, Error);
                }
                else
                {
                    CheckValue(element, repetitions[r], name, p, 0, r + 1, Error);
                }
            }
        }

        // Past the last element present: required ones are missing too.
        for (var p = segment.Count + 1; p <= definition.Elements.Count; p++)
        {
            if (definition.Elements[p - 1].Mandatory || required.Any(r => r.Position == p && r.Component == 0))
            {
                Error("1", $"required element {segment.Id}{p:D2} is missing.", p);
            }
        }

        if (rule is null)
        {
            return;
        }

        foreach (var condition in rule.When.Concat(rule.Codes))
        {
            var value = condition.ValueOf(segment);
            if (value.Length > 0 && !condition.Values.Contains(value))
            {
                Error("I6", $"{segment.Id}{condition.Position:D2}{(condition.Component > 0 ? $"-{condition.Component:D2}" : "")} holds a code this implementation guide does not use here (expected {string.Join(", ", condition.Values.Order(StringComparer.Ordinal))}).",
                    condition.Position, condition.Component, value: value);
            }
        }
    }

    private static void CheckComposite(Segment segment, ElementDefinition element, string value, int position, int repetition, IReadOnlyList<(int Position, int Component)> required, Action<string, string, int, int, int, string> error)
    {
        var components = value.Split(Segment.ComponentSeparator);
        if (components.Length > element.Components.Count && element.Components.Count > 0)
        {
            error("13", $"{segment.Id}{position:D2} has {components.Length} components; the standard defines {element.Components.Count}.", position, element.Components.Count + 1, repetition, "");
        }

        for (var c = 1; c <= element.Components.Count; c++)
        {
            var component = element.Components[c - 1];
            var text = c <= components.Length ? components[c - 1] : "";
            var name = $"{segment.Id}{position:D2}-{c:D2}";
            if (text.Length == 0)
            {
                if (component.Mandatory || required.Any(r => r.Position == position && r.Component == c))
                {
                    error("1", $"required component {name} is missing.", position, c, repetition, "");
                }

                continue;
            }

            CheckValue(component, text, name, position, c, repetition, (code, message, p, cc, r, v) => error(code, message, p, cc, r, v));
        }
    }

    private static void CheckValue(ElementDefinition element, string value, string name, int position, int component, int repetition, Action<string, string, int, int, int, string> error)
    {
        foreach (var c in value)
        {
            if (c < ' ' || c > '~')
            {
                error("6", $"{name} holds a character outside the X12 character set (code {(int)c}).", position, component, repetition, value);
                return;
            }
        }

        var length = element.Type switch
        {
            "R" or "N0" or "N1" or "N2" or "N3" or "N4" => value.Count(char.IsAsciiDigit),
            _ => value.Length,
        };

        switch (element.Type)
        {
            case "N0" or "N1" or "N2" or "N3" or "N4" when !IsInteger(value):
                error("6", $"{name} must be a whole number (implied decimals).", position, component, repetition, value);
                return;
            case "R" when !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _):
                error("6", $"{name} must be a decimal number.", position, component, repetition, value);
                return;
            case "DT" when !IsDate(value):
                error("8", $"{name} is not a valid date ({(value.Length == 6 ? "YYMMDD" : "CCYYMMDD")}).", position, component, repetition, value);
                return;
            case "TM" when !IsTime(value):
                error("9", $"{name} is not a valid time (HHMM[SS[d..]]).", position, component, repetition, value);
                return;
        }

        if (length < element.MinLength)
        {
            error("4", $"{name} is shorter than {element.MinLength} characters.", position, component, repetition, value);
        }
        else if (length > element.MaxLength && element.MaxLength > 0)
        {
            error("5", $"{name} is longer than {element.MaxLength} characters.", position, component, repetition, value);
        }
    }

    private static bool IsInteger(string value)
    {
        var digits = value.AsSpan().TrimStart('-');
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsDate(string value) =>
        value.Length == 8 ? DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        : value.Length == 6 && DateOnly.TryParseExact(value, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsTime(string value)
    {
        if (value.Length is not (4 or 6 or 7 or 8) || value.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var hours = (value[0] - '0') * 10 + value[1] - '0';
        var minutes = (value[2] - '0') * 10 + value[3] - '0';
        var seconds = value.Length >= 6 ? (value[4] - '0') * 10 + value[5] - '0' : 0;
        return hours < 24 && minutes < 60 && seconds < 60;
    }
}
