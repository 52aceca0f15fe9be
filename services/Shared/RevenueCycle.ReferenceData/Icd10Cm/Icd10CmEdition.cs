namespace RevenueCycle.ReferenceData.Icd10Cm;

/// <summary>One ICD-10-CM code: without the dot, upper case; <see cref="Billable"/> false for headers.</summary>
public sealed record IcdCode(string Code, bool Billable, string Description);

/// <summary>
/// One fiscal-year edition of ICD-10-CM (in force October 1 to September 30), with its tabular notes.
/// Immutable once built: a new release is a new edition swapped in whole.
/// </summary>
public sealed class Icd10CmEdition
{
    private readonly Dictionary<string, IcdCode> _codes;
    private readonly string[] _sorted;

    public Icd10CmEdition(string version, DateOnly effectiveFrom, DateOnly? effectiveTo, IEnumerable<IcdCode> codes, TabularNotes? notes = null)
    {
        Version = version;
        EffectiveFrom = effectiveFrom;
        EffectiveTo = effectiveTo;
        _codes = new Dictionary<string, IcdCode>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            _codes[code.Code] = code;
        }

        _sorted = _codes.Keys.Order(StringComparer.Ordinal).ToArray();
        Notes = notes ?? TabularNotes.Empty;
    }

    /// <summary>E.g. "ICD-10-CM FY2024".</summary>
    public string Version { get; }

    public DateOnly EffectiveFrom { get; }

    /// <summary>Last day in force; null for an open-ended (demo) edition.</summary>
    public DateOnly? EffectiveTo { get; }

    public TabularNotes Notes { get; }

    public int Count => _codes.Count;

    public IEnumerable<IcdCode> Codes => _sorted.Select(c => _codes[c]);

    public Icd10CmEdition WithNotes(TabularNotes notes) => new(Version, EffectiveFrom, EffectiveTo, _codes.Values, notes);

    public bool InForceOn(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is null || date <= EffectiveTo);

    public IcdCode? Find(string code) => _codes.GetValueOrDefault(Normalize(code));

    /// <summary>
    /// Billable codes below a header, the least specific first (E11.8, E11.9 before E11.00 ...), so a "needs more
    /// specificity" message shows the nearest choices of a category with a hundred descendants.
    /// </summary>
    public IReadOnlyList<IcdCode> BillableChildren(string header, int max)
    {
        var prefix = Normalize(header);
        var start = Array.BinarySearch(_sorted, prefix, StringComparer.Ordinal);
        start = start < 0 ? ~start : start + 1;
        var children = new List<IcdCode>();
        for (var i = start; i < _sorted.Length && _sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            var code = _codes[_sorted[i]];
            if (code.Billable)
            {
                children.Add(code);
            }
        }

        return children.OrderBy(c => c.Code.Length).ThenBy(c => c.Code, StringComparer.Ordinal).Take(max).ToArray();
    }

    public static string Normalize(string code) => code.Trim().Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>Display form with the dot after the third character.</summary>
    public static string WithDot(string code)
    {
        var normalized = Normalize(code);
        return normalized.Length > 3 ? $"{normalized[..3]}.{normalized[3..]}" : normalized;
    }
}
