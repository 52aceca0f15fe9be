namespace RevenueCycle.Scrubbing.Domain.PayerRules;

/// <summary>
/// A list of procedure codes and ranges as payers write them: <c>G0439</c>, <c>99202-99215</c>, <c>70010-79999</c>.
/// A range holds the codes of its length between its ends in ordinal order (so 0001U-0999U and J0120-J9999 work).
/// </summary>
public sealed class CodeList
{
    public static readonly CodeList Any = new([], []);

    private readonly HashSet<string> _codes;
    private readonly (string From, string To)[] _ranges;

    private CodeList(HashSet<string> codes, (string, string)[] ranges)
    {
        _codes = codes;
        _ranges = ranges;
    }

    public bool IsAny => _codes.Count == 0 && _ranges.Length == 0;

    public bool Contains(string code)
    {
        if (IsAny || _codes.Contains(code))
        {
            return true;
        }

        foreach (var (from, to) in _ranges)
        {
            if (code.Length == from.Length && string.CompareOrdinal(code, from) >= 0 && string.CompareOrdinal(code, to) <= 0 && SameShape(code, from, to))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses the entries; returns the problem with the first bad one, or null.</summary>
    public static CodeList Parse(IReadOnlyList<string> entries, out string? problem)
    {
        problem = null;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var ranges = new List<(string, string)>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim().ToUpperInvariant();
            var dash = entry.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 && IsCode(entry))
            {
                codes.Add(entry);
            }
            else if (dash > 0 && entry[..dash] is var from && entry[(dash + 1)..] is var to && IsCode(from) && IsCode(to) && string.CompareOrdinal(from, to) <= 0)
            {
                ranges.Add((from, to));
            }
            else
            {
                problem = $"'{raw}' is not a procedure code or a range such as 99202-99215";
                return Any;
            }
        }

        return new CodeList(codes, ranges.ToArray());
    }

    /// <summary>A letter both ends share stays fixed: 0001U-0999U holds no T codes, J0120-J9999 no K codes.</summary>
    private static bool SameShape(string code, string from, string to) =>
        (!char.IsAsciiLetter(from[0]) || from[0] != to[0] || code[0] == from[0]) && (!char.IsAsciiLetter(from[^1]) || from[^1] != to[^1] || code[^1] == from[^1]);

    private static bool IsCode(string code) => code.Length == 5 && code.All(char.IsAsciiLetterOrDigit);
}
